# cmake -DINPUT=FILE -DOUTPUT=FILE.cc -DSYMBOL=kName -P EmbedText.cmake
# Writes a C++ source defining `extern const char SYMBOL[]` (in namespace xinyong) holding the
# bytes of INPUT, as adjacent raw string literals of at most 16 KiB each.
file(READ "${INPUT}" content)
string(LENGTH "${content}" length)
set(out "// Generated from ${INPUT} by cmake/EmbedText.cmake; do not edit.\nnamespace xinyong {\nextern const char ${SYMBOL}[];\nconst char ${SYMBOL}[] =\n")
set(at 0)
while(at LESS length)
  string(SUBSTRING "${content}" ${at} 16384 chunk)
  string(APPEND out "R\"XYEMBED(${chunk})XYEMBED\"\n")
  math(EXPR at "${at} + 16384")
endwhile()
string(APPEND out ";\n}  // namespace xinyong\n")
file(WRITE "${OUTPUT}" "${out}")
