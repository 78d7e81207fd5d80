/* cmd_check: being written. */
typedef int placeholder_cmd_check;
