/* cmd_append: being written. */
typedef int placeholder_cmd_append;
