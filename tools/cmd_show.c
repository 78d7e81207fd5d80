/* cmd_show: being written. */
typedef int placeholder_cmd_show;
