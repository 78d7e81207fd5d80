/* The method description docs/FORECASTING.md carries (forecast_bench). */
const char forecast_bench_methods[] =
    "\n## How the methods work\n\n"
    "(to be written)\n";
