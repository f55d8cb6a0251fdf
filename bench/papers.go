package bench

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Paper is the metadata the farm serves for paper number N and the list
// generator writes as its title. Everything is derived from N, so the list
// and the server agree without sharing state.
type Paper struct {
	N        int
	Title    string
	Authors  []Author
	Abstract string
}

// Author is one author with an affiliation.
type Author struct{ Name, Affiliation string }

var (
	systemNames = []string{"Zephyr", "Orca", "Hydra", "Tessel", "Quill", "Marlin", "Basalt", "Pelican", "Lattice", "Cinder",
		"Nimbus", "Aurora", "Kestrel", "Sprocket", "Fathom", "Juniper", "Obsidian", "Prism", "Rook", "Tundra"}
	adjectives = []string{"Efficient", "Scalable", "Elastic", "Fault-Tolerant", "Low-Latency", "Adaptive", "Decentralized",
		"Verified", "Memory-Efficient", "Serverless", "Practical", "Fast", "Transparent", "Consistent"}
	subjects = []string{"Memory Disaggregation", "Model Serving", "Distributed Training", "Key-Value Storage", "Stream Processing",
		"Graph Analytics", "Transaction Processing", "GPU Scheduling", "Network Telemetry", "Log Replication",
		"File System Crash Recovery", "Tensor Compilation", "Cluster Scheduling", "Remote Direct Memory Access"}
	domains = []string{"Large Language Models", "Datacenters", "Heterogeneous Clusters", "Edge Devices", "Multi-Tenant Clouds",
		"Persistent Memory", "Microservices", "Deep Learning Workloads", "Wide-Area Networks", "SmartNICs"}
	firstNames = []string{"Wei", "Anna", "Rahul", "Sofia", "Jun", "Mateo", "Priya", "Lukas", "Mei", "Omar", "Chloe", "Hiroshi",
		"Ines", "Kwame", "Yuki", "Daniel", "Fatima", "Ivan", "Zhiyuan", "Elena"}
	lastNames = []string{"Chen", "Müller", "Sharma", "García", "Li", "Kim", "Okafor", "Rossi", "Nakamura", "Haddad", "Novak",
		"Wang", "Dubois", "Petrov", "Zhang", "Silva", "Nguyen", "Kowalski", "Zhao", "Andersson"}
	affiliations = []string{"UC Berkeley", "Carnegie Mellon University", "Tsinghua University", "ETH Zurich", "MIT",
		"Microsoft Research", "Google", "University of Washington", "Shanghai Jiao Tong University", "EPFL"}
	sentences = []string{
		"Modern %s deployments spend most of their time waiting on data movement rather than computation.",
		"We present %s, a system that removes this bottleneck without changes to applications.",
		"Its key idea is to decouple placement decisions from the critical path and to revisit them only when load shifts.",
		"We implement the design in about twenty thousand lines of code and evaluate it on production traces.",
		"Compared with the state of the art, it improves throughput by up to 3.1x and cuts tail latency by 45%.",
		"The approach generalizes to other workloads with similar access patterns, which we discuss at the end.",
	}
)

// PaperN returns the deterministic metadata of paper n.
func PaperN(n int) Paper {
	r := rand.New(rand.NewPCG(uint64(n), 0x9e3779b97f4a7c15))
	name := systemNames[r.IntN(len(systemNames))]
	subject := subjects[r.IntN(len(subjects))]
	title := fmt.Sprintf("%s: %s %s for %s", name, adjectives[r.IntN(len(adjectives))], subject, domains[r.IntN(len(domains))])
	p := Paper{N: n, Title: title}
	for range 2 + r.IntN(5) {
		p.Authors = append(p.Authors, Author{
			Name:        firstNames[r.IntN(len(firstNames))] + " " + lastNames[r.IntN(len(lastNames))],
			Affiliation: affiliations[r.IntN(len(affiliations))],
		})
	}
	var b strings.Builder
	for i, s := range sentences {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch i {
		case 0:
			fmt.Fprintf(&b, s, strings.ToLower(subject))
		case 1:
			fmt.Fprintf(&b, s, name)
		default:
			b.WriteString(s)
		}
	}
	p.Abstract = b.String()
	return p
}
