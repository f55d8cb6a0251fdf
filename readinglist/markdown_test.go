package readinglist

import (
	"reflect"
	"testing"
)

// TestTokenize checks what goldmark makes of inline Markdown, and that the
// tokens keep the text as written.
func TestTokenize(t *testing.T) {
	defs := refs{"raft": "https://raft.github.io/raft.pdf", "osdi paper": "https://u/osdi"}
	tests := []struct {
		name   string
		in     string
		want   []token
		struck bool
	}{
		{"inline link", "[**Title**](https://u) by A", []token{
			{kind: tokLink, text: "**Title**", url: "https://u"}, {kind: tokText, text: " by A"}}, false},
		{"labels in brackets", "**T** [[pdf]](https://p) [[code]](https://c)", []token{
			{kind: tokText, text: "**T** "}, {kind: tokLink, text: "[pdf]", url: "https://p"},
			{kind: tokText, text: " "}, {kind: tokLink, text: "[code]", url: "https://c"}}, false},
		{"full reference", "[Raft][raft], ATC 2014", []token{
			{kind: tokLink, text: "Raft", url: "https://raft.github.io/raft.pdf"}, {kind: tokText, text: ", ATC 2014"}}, false},
		{"collapsed and shortcut, case-insensitive", "[Raft][] and [OSDI  Paper]", []token{
			{kind: tokLink, text: "Raft", url: "https://raft.github.io/raft.pdf"}, {kind: tokText, text: " and "},
			{kind: tokLink, text: "OSDI  Paper", url: "https://u/osdi"}}, false},
		{"undefined label is text", "[Title][nowhere] (OSDI '23)", []token{
			{kind: tokText, text: "[Title][nowhere] (OSDI '23)"}}, false},
		{"escaped brackets are text", `\[OSDI 2020\] [T](https://u)`, []token{
			{kind: tokText, text: `\[OSDI 2020\] `}, {kind: tokLink, text: "T", url: "https://u"}}, false},
		{"a link in a code span is text", "`[a](b)` [T](https://u)", []token{
			{kind: tokText, text: "`[a](b)` "}, {kind: tokLink, text: "T", url: "https://u"}}, false},
		{"autolink", "see <https://x.org/p>", []token{
			{kind: tokText, text: "see "}, {kind: tokLink, text: "https://x.org/p", url: "https://x.org/p"}}, false},
		{"badge", "[![stars](https://img)](https://repo)", []token{
			{kind: tokLink, text: "![stars](https://img)", url: "https://repo"}}, false},
		{"image", "![logo](https://img) T", []token{
			{kind: tokImage, text: "logo", url: "https://img"}, {kind: tokText, text: " T"}}, false},
		{"unclosed destination", "[T](https://u/never-closed", []token{
			{kind: tokLink, text: "T", url: "https://u/never-closed", unclosed: true}}, false},
		{"struck out", "~~[Raft][raft], ATC 2014~~", []token{
			{kind: tokLink, text: "Raft", url: "https://raft.github.io/raft.pdf"}, {kind: tokText, text: ", ATC 2014"}}, true},
		{"struck link text", "[~~Title~~](https://u)", []token{
			{kind: tokLink, text: "Title", url: "https://u"}}, true},
		{"strike later is no struck entry", "[T](https://u) ~~old note~~", []token{
			{kind: tokLink, text: "T", url: "https://u"}, {kind: tokText, text: " old note"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := defs.tokenize(tt.in)
			if !reflect.DeepEqual(got.toks, tt.want) {
				t.Errorf("tokenize(%q) = %+v, want %+v", tt.in, got.toks, tt.want)
			}
			if got.struck != tt.struck {
				t.Errorf("tokenize(%q).struck = %v, want %v", tt.in, got.struck, tt.struck)
			}
		})
	}
}
