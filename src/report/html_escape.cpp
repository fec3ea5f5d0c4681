#include "report/html_escape.hpp"

#include "core/text.hpp"

namespace linkage {

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string ScriptSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t k = 0; k < text.size(); ++k) {
    out += text[k];
    if (text[k] == '<' && k + 1 < text.size() && text[k + 1] == '/' &&
        text::Lower(text.substr(k + 2, 6)) == "script")
      out += "\\";
  }
  return out;
}

}  // namespace linkage
