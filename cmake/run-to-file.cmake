# run-to-file.cmake: run PROGRAM with ARGS (a ;-list) and write its
# standard output to OUTPUT, failing when the program fails.
#   cmake -DPROGRAM=p -DARGS=a -DOUTPUT=f -P run-to-file.cmake
execute_process(COMMAND ${PROGRAM} ${ARGS}
  OUTPUT_FILE ${OUTPUT}.tmp RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  file(REMOVE ${OUTPUT}.tmp)
  message(FATAL_ERROR "${PROGRAM} ${ARGS} failed: ${status}")
endif()
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
