/* cmd_list: being written. */
typedef int placeholder_cmd_list;
