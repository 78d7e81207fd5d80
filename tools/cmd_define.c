/* cmd_define: being written. */
typedef int placeholder_cmd_define;
