# Warnings for our own targets only; never linked to generated code.
add_library(coigraph_warnings INTERFACE)
add_library(coigraph::warnings ALIAS coigraph_warnings)
target_compile_options(coigraph_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
