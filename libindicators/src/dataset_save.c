/* dataset_save: being written. */
typedef int ind_placeholder_dataset_save;
