package replay

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"DGCL: An Efficient Communication Library for Distributed GNN Training", "dgcl an efficient communication library for distributed gnn training"},
		{"  DGCL: an efficient communication library for distributed GNN training.  ", "dgcl an efficient communication library for distributed gnn training"},
		{"Out-Of-Order BackProp", "out of order backprop"},
		{"Logical/Physical Topology-Aware", "logical physical topology aware"},
		{"2302.11665", "2302 11665"},
		{"Déplacement de Knight", "déplacement de knight"},
		{"模型并行 Serving", "模型并行 serving"},
		{"---", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
