// The entry point of the layer-check executables (src/CMakeLists.txt): they exist to be linked, not run.
int main() {
  return 0;
}
