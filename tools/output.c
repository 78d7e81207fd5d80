/* output: being written. */
typedef int placeholder_output;
