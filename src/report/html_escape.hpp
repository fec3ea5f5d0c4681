// report/html_escape.hpp
// Text placed in an HTML page: escaped as element content or attribute values, or inside a <script>.
#pragma once

#include <string>
#include <string_view>

namespace linkage {

//! `text` with &, <, > and " escaped, for element content and quoted attribute values.
std::string EscapeHtml(std::string_view text);

//! `text` placed inside a <script> element: only "</script" ends the element early, so only that is escaped
//! (as "<\/script", the same string to JavaScript and JSON); escaping every "</" would break regular
//! expressions such as /</g in the libraries.
std::string ScriptSafe(std::string_view text);

}  // namespace linkage
