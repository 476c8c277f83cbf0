#pragma once
// The message of the exception a call throws, for exact assertions on error texts:
//   EXPECT_EQ(thrown_message<InputError>([] { ReadStream s("/nope"); }), "/nope: cannot ...");

#include <string>

namespace incidentmap::testing {

// Calls `fn`; returns what() of the `Error` it throws, or "no exception" when it returns.
// Exceptions of other types propagate (and fail the test).
template <typename Error, typename Fn>
std::string thrown_message(Fn&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.what();
  }
  return "no exception";
}

}  // namespace incidentmap::testing
