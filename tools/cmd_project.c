/* cmd_project: being written. */
typedef int placeholder_cmd_project;
