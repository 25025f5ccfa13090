# xy_add_test(NAME name SOURCES a_test.cc ... LIBS lib ...)
# Builds a GoogleTest executable beside its module and registers its tests with CTest.
# Tests run from the source tree root so they find policy/ and tests/data/.
function(xy_add_test)
  if(NOT XY_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(T "" "NAME" "SOURCES;LIBS;PROPERTIES" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main xy_warnings)
  target_compile_definitions(${T_NAME} PRIVATE
    XY_SOURCE_DIR="${PROJECT_SOURCE_DIR}" XY_BINARY_DIR="${PROJECT_BINARY_DIR}")
  gtest_discover_tests(${T_NAME} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300 ${T_PROPERTIES})
endfunction()
