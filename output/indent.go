package output

// appendIndent appends to dst the compact JSON src (as json.Marshal writes
// it: no blank outside strings) indented as json.Indent would with the same
// prefix and indent, in one pass over the bytes. encoding/json's Indent
// runs its full syntax scanner over every byte, which was half the time of
// writing a large papers.json; src here is known to be valid.
func appendIndent(dst, src []byte, prefix, indent string) []byte {
	depth := 0
	open := false // after '[' or '{': a newline comes before the next value
	for i := 0; i < len(src); i++ {
		c := src[i]
		if open && c != ']' && c != '}' {
			dst = appendNewline(dst, prefix, indent, depth)
			open = false
		}
		switch c {
		case '"':
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j, len(src)-1)
			dst = append(dst, src[i:j+1]...)
			i = j
		case '{', '[':
			dst = append(dst, c)
			depth++
			open = true
		case '}', ']':
			depth--
			if open {
				open = false // empty: "[]" and "{}" stay on one line
			} else {
				dst = appendNewline(dst, prefix, indent, depth)
			}
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			dst = appendNewline(dst, prefix, indent, depth)
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

func appendNewline(dst []byte, prefix, indent string, depth int) []byte {
	dst = append(dst, '\n')
	dst = append(dst, prefix...)
	for range depth {
		dst = append(dst, indent...)
	}
	return dst
}
