# Warnings for our own targets only; never linked to generated code (proto/ builds the protobuf
# and gRPC sources without it), and always linked PRIVATE, so -Werror stays on our files.
option(COIGRAPH_WERROR "Make the warnings of coigraph::warnings errors (the ci preset; CI)" OFF)

add_library(coigraph_warnings INTERFACE)
add_library(coigraph::warnings ALIAS coigraph_warnings)
target_compile_options(coigraph_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  # -Wextra's -Wmissing-field-initializers fires on C++20 designated initializers that name only
  # some members ({.page_size = 1}) and leave the rest to their default member initializers,
  # which is the intended use; GCC 12 cannot tell that from a forgotten member.
  -Wno-missing-field-initializers)
if(COIGRAPH_WERROR)
  target_compile_options(coigraph_warnings INTERFACE -Werror)
endif()
