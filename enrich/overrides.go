package enrich

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/paperlist/paperlist"
)

// Override is a user's correction for one entry. It survives regeneration:
// pinned values win over every source and are marked "override" in Sources.
type Override struct {
	DOI  string            `json:"doi,omitempty"`  // resolve through this DOI
	URL  string            `json:"url,omitempty"`  // follow this link instead of the list's
	Skip bool              `json:"skip,omitempty"` // do not enrich; status "skipped"
	Set  map[string]string `json:"set,omitempty"`  // field -> value (title, abstract, pdf_url, doi, pages, booktitle, code_url, venue, year, authors)
}

// Overrides maps an entry id ("osdi2023-alpaserve") or a list title, as
// written in the list, to an Override.
type Overrides struct {
	byKey map[string]Override
	keys  []string // in file order
	dups  []string // keys written more than once, in file order
}

// settable lists the fields an override may set.
var settable = map[string]bool{
	"title": true, "abstract": true, "pdf_url": true, "doi": true, "pages": true, "booktitle": true,
	"code_url": true, "venue": true, "year": true, "authors": true, "slides_url": true, "video_url": true,
}

// LoadOverrides reads an overrides file: a JSON object whose keys are entry
// ids or list titles. Unknown fields are an error naming the key, so a typo
// never silently does nothing. A key written twice keeps its last value and
// is listed by Duplicates; keys that name no entry are listed by Unknown.
func LoadOverrides(path string) (*Overrides, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("overrides: %w", err)
	}
	ov, err := parseOverrides(data)
	if err != nil {
		return nil, fmt.Errorf("overrides %s: %w", path, err)
	}
	return ov, nil
}

// parseOverrides reads the object key by key, so that a repeated key is
// seen (decoding into a map keeps the last one without a word).
func parseOverrides(data []byte) (*Overrides, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("want a JSON object keyed by entry id or list title")
	}
	ov := &Overrides{byKey: map[string]Override{}}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		k := t.(string) // object keys are strings
		var o Override
		if err := dec.Decode(&o); err != nil {
			return nil, fmt.Errorf("entry %q: %w", k, err)
		}
		if _, dup := ov.byKey[k]; dup {
			ov.dups = append(ov.dups, k)
		} else {
			ov.keys = append(ov.keys, k)
		}
		ov.byKey[k] = o
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("text after the object")
	}
	for _, k := range ov.keys {
		o := ov.byKey[k]
		for f := range o.Set {
			if !settable[f] {
				return nil, fmt.Errorf("entry %q: field %q cannot be set", k, f)
			}
		}
		if y, ok := o.Set["year"]; ok {
			if _, err := strconv.Atoi(y); err != nil {
				return nil, fmt.Errorf("entry %q: year %q is not a number", k, y)
			}
		}
	}
	return ov, nil
}

// Duplicates are the keys the file gives more than once (the last value
// counts), in file order.
func (o *Overrides) Duplicates() []string {
	if o == nil {
		return nil
	}
	return o.dups
}

// Unknown are the keys that are neither the id nor the list title of any
// of entries, in file order: a typo, or an entry since removed or renamed.
func (o *Overrides) Unknown(entries []paperlist.Entry) []string {
	if o == nil {
		return nil
	}
	known := make(map[string]bool, 2*len(entries))
	for i, id := range AssignIDs(entries) {
		known[id] = true
		known[entries[i].ListTitle] = true
	}
	var out []string
	for _, k := range o.keys {
		if !known[k] {
			out = append(out, k)
		}
	}
	return out
}

// For returns the override for an entry, by id first, then by list title.
func (o *Overrides) For(id, listTitle string) (Override, bool) {
	if o == nil {
		return Override{}, false
	}
	if ov, ok := o.byKey[id]; ok {
		return ov, true
	}
	ov, ok := o.byKey[listTitle]
	return ov, ok
}

// Apply writes the pinned values onto p.
func (ov Override) Apply(p *paperlist.Paper) {
	if ov.DOI != "" {
		p.DOI = NormalizeDOI(ov.DOI)
		p.Sources["doi"] = "override"
	}
	for f, v := range ov.Set {
		switch f {
		case "title":
			p.Title = v
		case "abstract":
			p.Abstract = v
		case "pdf_url":
			p.PDFURL, p.PDFKind = v, "override"
		case "doi":
			p.DOI = NormalizeDOI(v)
		case "pages":
			p.Pages = v
		case "booktitle":
			p.Booktitle = v
		case "code_url":
			p.CodeURL = v
		case "slides_url":
			p.SlidesURL = v
		case "video_url":
			p.VideoURL = v
		case "venue":
			p.Venue = v
		case "year":
			p.Year, _ = strconv.Atoi(v)
		case "authors":
			p.Authors = p.Authors[:0]
			for _, n := range strings.Split(v, ";") {
				if n = strings.TrimSpace(n); n != "" {
					p.Authors = append(p.Authors, paperlist.Author{Name: n})
				}
			}
		}
		p.Sources[f] = "override"
	}
}
