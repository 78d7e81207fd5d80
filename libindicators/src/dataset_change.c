/* dataset_change: being written. */
typedef int ind_placeholder_dataset_change;
