package readinglist

import (
	"testing"

	"github.com/paperlist/paperlist"
)

// The shapes people write that the parser once got wrong, each in a small
// list of its own (testdata/*.md), every field asserted.

// TestParseShapes: authors after a bold title, an italic venue, an escaped
// venue tag, a reference link whose label is not defined (a paper with no
// link), struck-out entries.
func TestParseShapes(t *testing.T) {
	const top = "Papers I keep coming back to"
	const bold, italic, escaped, missing, dropped = top + " / Bold titles with authors after them",
		top + " / Italic venues", top + " / Escaped venue tags", top + " / Links still to find", top + " / Dropped from the plan"
	checkEntries(t, "shapes.md", []paperlist.Entry{
		{Venue: "OSDI", Year: 2012, Section: bold, ListTitle: "**Spanner: Google's Globally-Distributed Database**", Title: "Spanner: Google's Globally-Distributed Database", Link: "https://research.google/pubs/pub39966.pdf", Authors: []string{"J. Corbett"}, Line: 5},
		{Venue: "OSDI", Year: 2018, Section: bold, ListTitle: "**Ray: A Distributed Framework for Emerging AI Applications**", Title: "Ray: A Distributed Framework for Emerging AI Applications", Link: "https://www.usenix.org/system/files/osdi18-moritz.pdf", Links: []paperlist.Link{{Kind: "code", URL: "https://github.com/ray-project/ray"}}, Authors: []string{"Philipp Moritz", "Robert Nishihara"}, Line: 6},
		{Venue: "NSDI", Year: 2020, Section: bold, ListTitle: "**Firecracker: Lightweight Virtualization for Serverless Applications**", Title: "Firecracker: Lightweight Virtualization for Serverless Applications", Link: "https://www.usenix.org/system/files/nsdi20-paper-agache.pdf", Authors: []string{"A. Agache"}, Line: 7},
		{Venue: "ATC", Year: 2020, Section: italic, ListTitle: "**Serverless in the Wild: Characterizing and Optimizing the Serverless Workload**", Title: "Serverless in the Wild: Characterizing and Optimizing the Serverless Workload", Link: "https://www.usenix.org/system/files/atc20-shahrad.pdf", Line: 11},
		{Venue: "SoCC", Year: 2021, Section: italic, ListTitle: "**Faa$T: A Transparent Auto-Scaling Cache for Serverless Applications**", Title: "Faa$T: A Transparent Auto-Scaling Cache for Serverless Applications", Link: "https://arxiv.org/pdf/2104.13869.pdf", Line: 12},
		{Venue: "SoCC", Year: 2022, Section: italic, ListTitle: "**Owl: Performance-Aware Scheduling for Resource-Efficient Function-as-a-Service Cloud**", Title: "Owl: Performance-Aware Scheduling for Resource-Efficient Function-as-a-Service Cloud", Link: "https://dl.acm.org/doi/pdf/10.1145/3542929.3563470", Line: 13},
		{Venue: "OSDI", Year: 2020, Section: escaped, ListTitle: "Serving DNNs like Clockwork: Performance Predictability from the Bottom Up", Title: "Serving DNNs like Clockwork: Performance Predictability from the Bottom Up", Link: "https://www.usenix.org/conference/osdi20/presentation/gujarati", Line: 17},
		{Venue: "NSDI", Year: 2019, Section: escaped, ListTitle: "Shinjuku: Preemptive Scheduling for μsecond-scale Tail Latency", Title: "Shinjuku: Preemptive Scheduling for μsecond-scale Tail Latency", Link: "https://www.usenix.org/conference/nsdi19/presentation/kaffes", Line: 19},
		{Venue: "SOSP", Year: 2019, Section: escaped, ListTitle: "Shenango: Achieving High CPU Efficiency for Latency-sensitive Datacenter Workloads", Title: "Shenango: Achieving High CPU Efficiency for Latency-sensitive Datacenter Workloads", Link: "https://www.usenix.org/conference/nsdi19/presentation/ousterhout", Line: 21},
		{Venue: "ATC", Year: 2019, Section: missing, ListTitle: "Zanzibar: Google's Consistent, Global Authorization System", Title: "Zanzibar: Google's Consistent, Global Authorization System", Link: "https://www.usenix.org/conference/atc19/presentation/pang", Line: 25},
		{Venue: "SIGMOD", Year: 2017, Section: missing, ListTitle: "Spanner: Becoming a SQL System", Title: "Spanner: Becoming a SQL System", Line: 26},
		{Venue: "ICDE", Year: 2018, Section: missing, ListTitle: "Anna: A KVS For Any Scale", Title: "Anna: A KVS For Any Scale", Line: 27},
		{Venue: "SOSP", Year: 2019, Section: dropped, ListTitle: "Snap: a Microkernel Approach to Host Networking", Title: "Snap: a Microkernel Approach to Host Networking", Link: "https://research.google/pubs/pub48630/", Line: 33, Struck: true},
		{Venue: "VLDB", Year: 2010, Section: dropped, ListTitle: "Dremel: Interactive Analysis of Web-Scale Datasets", Title: "Dremel: Interactive Analysis of Web-Scale Datasets", Link: "https://research.google/pubs/pub36632/", Line: 34, Struck: true},
		{Venue: "EuroSys", Year: 2015, Section: dropped, ListTitle: "Borg: Large-scale cluster management at Google, EuroSys 2015", Title: "Borg: Large-scale cluster management at Google", Read: true, Line: 35, Struck: true},
		{Venue: "EuroSys", Year: 2013, Section: dropped, ListTitle: "Omega: flexible, scalable schedulers for large compute clusters", Title: "Omega: flexible, scalable schedulers for large compute clusters", Link: "https://research.google/pubs/pub41684/", Line: 36},
	}, []string{
		"line 26: link reference [spanner-sql] is not defined",
		"line 27: link reference [anna] is not defined",
	})
}

// TestParseNicknames: a link whose text is a nickname for the PDF it links
// is marked TitleFromLink (the title must come from the PDF); the text after
// an arrow is a note; **READ**, ✔ and (done) mark the entry read.
func TestParseNicknames(t *testing.T) {
	const top, google = "Consensus and friends", "Consensus and friends / Google"
	checkEntries(t, "nicknames.md", []paperlist.Entry{
		{Section: top, ListTitle: "Raft Paper", Title: "Raft Paper", Link: "https://raft.github.io/raft.pdf", Notes: []string{"re-reading it"}, Line: 3, TitleFromLink: true},
		{Section: top, ListTitle: "Paxos Made Simple", Title: "Paxos Made Simple", Link: "https://lamport.azurewebsites.net/pubs/paxos-simple.pdf", Line: 4},
		{Section: top, ListTitle: "the Chubby pdf", Title: "the Chubby pdf", Link: "https://static.googleusercontent.com/media/research.google.com/en//archive/chubby-osdi06.pdf", Notes: []string{"compare with ZooKeeper"}, Line: 5, TitleFromLink: true},
		{Section: google, ListTitle: "MapReduce", Title: "MapReduce", Link: "https://static.googleusercontent.com/media/research.google.com/en//archive/mapreduce-osdi04.pdf", Read: true, Line: 9, TitleFromLink: true},
		{Section: google, ListTitle: "GFS", Title: "GFS", Link: "https://static.googleusercontent.com/media/research.google.com/en//archive/gfs-sosp2003.pdf", Read: true, Line: 10, TitleFromLink: true},
		{Section: google, ListTitle: "Bigtable", Title: "Bigtable", Link: "https://research.google/pubs/bigtable-a-distributed-storage-system-for-structured-data/", Read: true, Line: 11},
	}, []string{"line 3: 6 entries have no venue or year"})
}

// TestParseCitations: authors, year, title and venue of citation-style
// entries, each from its place. Only a known venue is kept ("USENIX ATC");
// "OPODIS", "Technical Report" or a university give none.
func TestParseCitations(t *testing.T) {
	const top, theses = "Raft reading", "Raft reading / Theses and reports"
	checkEntries(t, "citations.md", []paperlist.Entry{
		{Venue: "ATC", Year: 2014, Section: top, ListTitle: "In Search of an Understandable Consensus Algorithm", Title: "In Search of an Understandable Consensus Algorithm", Link: "https://raft.github.io/raft.pdf", Authors: []string{"D. Ongaro", "J. Ousterhout"}, Line: 3},
		{Year: 2016, Section: top, ListTitle: "Flexible Paxos: Quorum Intersection Revisited", Title: "Flexible Paxos: Quorum Intersection Revisited", Link: "https://arxiv.org/abs/1608.06696", Authors: []string{"H. Howard", "D. Malkhi", "A. Spiegelman"}, Line: 4},
		{Year: 2001, Section: top, ListTitle: "Paxos Made Simple", Title: "Paxos Made Simple", Link: "https://lamport.azurewebsites.net/pubs/paxos-simple.pdf", Authors: []string{"L. Lamport"}, Line: 5},
		{Year: 2014, Section: theses, ListTitle: "Consensus: Bridging Theory and Practice", Title: "Consensus: Bridging Theory and Practice", Link: "https://web.stanford.edu/~ouster/cgi-bin/papers/OngaroPhD.pdf", Authors: []string{"Diego Ongaro"}, Line: 9},
		{Year: 2014, Section: theses, ListTitle: "ARC: analysis of Raft consensus", Title: "ARC: analysis of Raft consensus", Link: "https://www.cl.cam.ac.uk/techreports/UCAM-CL-TR-857.pdf", Authors: []string{"Heidi Howard"}, Line: 10},
		{Year: 2015, Section: theses, ListTitle: "Raft Refloated: Do We Have Consensus?", Title: "Raft Refloated: Do We Have Consensus?", Link: "https://www.cl.cam.ac.uk/~ms705/pub/papers/2015-osr-raft.pdf", Authors: []string{"Howard"}, Line: 11},
		{Year: 2014, Section: theses, ListTitle: "ARC: analysis of Raft consensus", Title: "ARC: analysis of Raft consensus", Link: "https://www.cl.cam.ac.uk/techreports/UCAM-CL-TR-857.pdf", Authors: []string{"Howard"}, Line: 12},
	}, nil)
}

// TestParseKinds: books, blog posts, a course, a code repository and a talk
// stay entries with their kind, from their words or their link; a paper
// among them stays a paper, even when its words say "talk".
func TestParseKinds(t *testing.T) {
	const top = "Learning distributed systems"
	checkEntries(t, "kinds.md", []paperlist.Entry{
		{Section: top, ListTitle: "Designing Data-Intensive Applications", Title: "Designing Data-Intensive Applications", Link: "https://www.oreilly.com/library/view/designing-data-intensive-applications/9781491903063/", Notes: []string{"chapters 5 and 9"}, Line: 3, Kind: paperlist.KindBook},
		{Section: top, ListTitle: "Database Internals", Title: "Database Internals", Link: "https://www.amazon.com/Database-Internals-Deep-Distributed-Systems/dp/1492040347", Line: 4, Kind: paperlist.KindBook},
		{Section: top, ListTitle: "Notes on Distributed Systems for Young Bloods", Title: "Notes on Distributed Systems for Young Bloods", Link: "https://www.somethingsimilar.com/2013/01/14/notes-on-distributed-systems-for-young-bloods/", Line: 5, Kind: paperlist.KindPost},
		{Section: top, ListTitle: "Jepsen: Call Me Maybe", Title: "Jepsen: Call Me Maybe", Link: "https://aphyr.com/posts/281-jepsen-on-the-perils-of-network-partitions", Line: 6, Kind: paperlist.KindPost},
		{Section: top, ListTitle: "Consistency Models Explained", Title: "Consistency Models Explained", Link: "https://jepsen-io.medium.com/consistency-models-explained-3b1c5d1f5a4d", Line: 7, Kind: paperlist.KindPost},
		{Section: top, ListTitle: "MIT 6.5840 Distributed Systems", Title: "MIT 6.5840 Distributed Systems", Link: "https://github.com/mit-pdos/6.5840-golabs-2024", Links: []paperlist.Link{{Kind: "code", URL: "https://github.com/mit-pdos/6.5840-golabs-2024"}}, Line: 8, Kind: paperlist.KindOther},
		{Section: top, ListTitle: "etcd", Title: "etcd", Link: "https://github.com/etcd-io/etcd", Links: []paperlist.Link{{Kind: "code", URL: "https://github.com/etcd-io/etcd"}}, Line: 9, Kind: paperlist.KindSoftware},
		{Section: top, ListTitle: "Raft: In Search of an Understandable Consensus Algorithm (talk)", Title: "Raft: In Search of an Understandable Consensus Algorithm", Link: "https://www.youtube.com/watch?v=YbZ3zDzDnrw", Line: 10, Kind: paperlist.KindOther},
		{Venue: "ATC", Year: 2014, Section: top, ListTitle: "In Search of an Understandable Consensus Algorithm", Title: "In Search of an Understandable Consensus Algorithm", Link: "https://www.usenix.org/conference/atc14/technical-sessions/presentation/ongaro", Line: 11},
	}, []string{"line 3: 8 entries have no venue or year"})
}

// TestParseBlogList: a personal list as a blog post keeps it (TOML front
// matter, nicknames, citations, struck entries, three entries that are not
// papers). The lead runs it through enrich for the note.
func TestParseBlogList(t *testing.T) {
	const top = "What I'm reading on distributed systems"
	checkEntries(t, "blog-list.md", []paperlist.Entry{
		{Section: top, ListTitle: "Raft Paper", Title: "Raft Paper", Link: "https://raft.github.io/raft.pdf", Notes: []string{"re-reading it"}, Line: 10, TitleFromLink: true},
		{Section: top, ListTitle: "MapReduce", Title: "MapReduce", Link: "https://static.googleusercontent.com/media/research.google.com/en//archive/mapreduce-osdi04.pdf", Read: true, Line: 11, TitleFromLink: true},
		{Venue: "SOSP", Year: 2003, Section: top, ListTitle: "**The Google File System**", Title: "The Google File System", Link: "https://static.googleusercontent.com/media/research.google.com/en//archive/gfs-sosp2003.pdf", Authors: []string{"S. Ghemawat"}, Line: 12},
		{Venue: "ATC", Year: 2014, Section: top, ListTitle: "In Search of an Understandable Consensus Algorithm", Title: "In Search of an Understandable Consensus Algorithm", Link: "https://www.usenix.org/conference/atc14/technical-sessions/presentation/ongaro", Authors: []string{"D. Ongaro", "J. Ousterhout"}, Line: 13},
		{Venue: "OSDI", Year: 2006, Section: top, ListTitle: "Bigtable: A Distributed Storage System for Structured Data", Title: "Bigtable: A Distributed Storage System for Structured Data", Link: "https://research.google/pubs/bigtable-a-distributed-storage-system-for-structured-data/", Line: 14},
		{Section: top, ListTitle: "Designing Data-Intensive Applications", Title: "Designing Data-Intensive Applications", Link: "https://www.oreilly.com/library/view/designing-data-intensive-applications/9781491903063/", Notes: []string{"chapters 5 and 9"}, Line: 15, Kind: paperlist.KindBook},
		{Section: top, ListTitle: "Notes on Distributed Systems for Young Bloods", Title: "Notes on Distributed Systems for Young Bloods", Link: "https://www.somethingsimilar.com/2013/01/14/notes-on-distributed-systems-for-young-bloods/", Line: 16, Kind: paperlist.KindPost},
		{Venue: "SOSP", Year: 2007, Section: top, ListTitle: "Dynamo: Amazon's Highly Available Key-value Store", Title: "Dynamo: Amazon's Highly Available Key-value Store", Line: 17},
		{Venue: "CACM", Year: 1978, Section: top, ListTitle: "Time, Clocks, and the Ordering of Events in a Distributed System", Title: "Time, Clocks, and the Ordering of Events in a Distributed System", Link: "https://lamport.azurewebsites.net/pubs/time-clocks.pdf", Line: 18, Struck: true},
		{Section: top, ListTitle: "Raft (talk)", Title: "Raft", Link: "https://www.youtube.com/watch?v=YbZ3zDzDnrw", Line: 19, Kind: paperlist.KindOther},
	}, []string{
		"line 17: link reference [dynamo] is not defined",
		"line 10: 5 entries have no venue or year",
	})
}

// TestParseHeadings: a bold line alone ("**Distributed Systems**") is a
// section heading; a heading that reads like a title, with its links in the
// paragraph below ("### Spanner: …" then "[pdf](u) · OSDI 2012"), is a
// paper; a heading over a link that is no title is not.
func TestParseHeadings(t *testing.T) {
	const dist, storage, pages = "Reading notes / Distributed Systems", "Reading notes / Storage",
		"Reading notes / Papers with a page of their own"
	checkEntries(t, "headings.md", []paperlist.Entry{
		{Venue: "ATC", Year: 2014, Section: dist, ListTitle: "In Search of an Understandable Consensus Algorithm", Title: "In Search of an Understandable Consensus Algorithm", Link: "https://www.usenix.org/conference/atc14/technical-sessions/presentation/ongaro", Line: 5},
		{Section: dist, ListTitle: "Paxos Made Simple", Title: "Paxos Made Simple", Link: "https://lamport.azurewebsites.net/pubs/paxos-simple.pdf", Line: 6},
		{Venue: "SOSP", Year: 2003, Section: storage, ListTitle: "The Google File System", Title: "The Google File System", Link: "https://research.google/pubs/the-google-file-system/", Line: 10},
		{Venue: "OSDI", Year: 2012, Section: pages, ListTitle: "Spanner: Google's Globally-Distributed Database", Title: "Spanner: Google's Globally-Distributed Database", Link: "https://research.google/pubs/pub39966.pdf", Links: []paperlist.Link{{Kind: "slides", URL: "https://www.usenix.org/sites/default/files/conference/protected-files/spanner_osdi2012.pdf"}}, Line: 14, EndLine: 16},
		{Section: pages, ListTitle: "Dynamo: Amazon's Highly Available Key-value Store", Title: "Dynamo: Amazon's Highly Available Key-value Store", Link: "https://www.allthingsdistributed.com/files/amazon-dynamo-sosp2007.pdf", Authors: []string{"Giuseppe DeCandia"}, Line: 20, EndLine: 23},
	}, []string{"line 6: 2 entries have no venue or year"})
}

// TestParseCommonMarkBlocks: the blocks are what GitHub renders: a
// sub-bullet indented less than its parent's text starts a new list; HTML
// blocks, block quotes and code blocks hold no entries; a setext heading
// is a heading; a link reference definition is no content.
func TestParseCommonMarkBlocks(t *testing.T) {
	const year, setext = "osdi / 2020", "osdi / Title Of Setext"
	checkEntries(t, "blocks.md", []paperlist.Entry{
		{Venue: "OSDI", Year: 2020, Section: year, ListTitle: "A Paper About Things", Title: "A Paper About Things", Link: "https://x.example/a", Line: 4},
		{Venue: "OSDI", Year: 2020, Section: year, ListTitle: "Nested Right Under A Number", Title: "Nested Right Under A Number", Link: "https://x.example/n", Notes: []string{"three spaces: a note"}, Line: 6, EndLine: 7},
		{Venue: "OSDI", Year: 2020, Section: year, ListTitle: "Another Paper Title Here", Title: "Another Paper Title Here", Link: "https://x.example/b", Notes: []string{"its note\ncontinued lazily"}, Line: 9, EndLine: 11},
		{Venue: "OSDI", Section: setext, ListTitle: "Under The Setext Heading", Title: "Under The Setext Heading", Link: "https://x.example/f", Line: 26},
	}, []string{`line 5: skipped "two spaces under`})
}
