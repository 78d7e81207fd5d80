/* csvfile: being written. */
typedef int ind_placeholder_csvfile;
