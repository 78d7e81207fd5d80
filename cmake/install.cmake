# install.cmake: what `cmake --install` puts beside the libraries and the
# program: the CMake package (config, version, targets, FindLibCSV), the
# relocatable pkg-config file, and the build tree's own package (export()).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(ind_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/indicators)

# ---- CMake package ----
configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/indicatorsConfig.cmake.in
  ${PROJECT_BINARY_DIR}/indicatorsConfig.cmake
  INSTALL_DESTINATION ${ind_cmake_dir})
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/indicatorsConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(EXPORT indicatorsTargets NAMESPACE indicators::
  DESTINATION ${ind_cmake_dir})
install(FILES
  ${PROJECT_BINARY_DIR}/indicatorsConfig.cmake
  ${PROJECT_BINARY_DIR}/indicatorsConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/FindLibCSV.cmake
  DESTINATION ${ind_cmake_dir})

# The build tree as a package too: find_package(indicators) with
# indicators_DIR set to the build folder, without installing.
export(EXPORT indicatorsTargets NAMESPACE indicators::
  FILE ${PROJECT_BINARY_DIR}/indicatorsTargets.cmake)
configure_file(${PROJECT_SOURCE_DIR}/cmake/FindLibCSV.cmake
  ${PROJECT_BINARY_DIR}/FindLibCSV.cmake COPYONLY)

# ---- pkg-config ----
# The .pc file finds the prefix from its own folder (${pcfiledir}): one
# "../" per component of LIBDIR/pkgconfig.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  message(FATAL_ERROR "CMAKE_INSTALL_LIBDIR must be relative to the prefix "
          "for a relocatable install (it is ${CMAKE_INSTALL_LIBDIR})")
endif()
string(REGEX REPLACE "[^/]+" ".." IND_PC_TO_PREFIX
       "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
# libcsv has no .pc file: the static library names it in Libs.private.
set(IND_PC_LIBCSV "-lcsv")
get_filename_component(ind_csv_dir "${LibCSV_LIBRARY}" DIRECTORY)
if(NOT ind_csv_dir MATCHES "^(/usr)?/lib")
  set(IND_PC_LIBCSV "-L${ind_csv_dir} -lcsv")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/indicators.pc.in
  ${PROJECT_BINARY_DIR}/indicators.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/indicators.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
