/* cli: being written. */
typedef int placeholder_cli;
