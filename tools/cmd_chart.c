/* cmd_chart: being written. */
typedef int placeholder_cmd_chart;
