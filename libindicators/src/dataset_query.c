/* dataset_query: being written. */
typedef int ind_placeholder_dataset_query;
