/* cmd_growth: being written. */
typedef int placeholder_cmd_growth;
