package readinglist

import (
	"strings"
)

// refs holds the link reference definitions of a list ("[id]: url"), by
// normalised label. Definitions may come anywhere in the list, before or
// after their use; the first definition of a label wins, as in CommonMark.
type refs map[string]string

// refLabel normalises a label: case-insensitive, inner white space
// collapsed ("[OSDI  Paper]" and "[osdi paper]" are the same label).
func refLabel(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
