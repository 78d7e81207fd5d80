/* dataset_load: being written. */
typedef int ind_placeholder_dataset_load;
