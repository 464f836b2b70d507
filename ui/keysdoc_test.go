package ui

import (
	"flag"
	"os"
	"strings"
	"testing"
)

const keysStart, keysEnd = "<!-- keys:start -->", "<!-- keys:end -->"

// TestREADMEKeys keeps the README's key table equal to the key map.
// Run `go test ./ui -run TestREADMEKeys -update` after changing a key.
func TestREADMEKeys(t *testing.T) {
	const path = "../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i, j := strings.Index(readme, keysStart), strings.Index(readme, keysEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the %s … %s markers", keysStart, keysEnd)
	}
	want := KeysMarkdown("en") + "\n"
	got := readme[i+len(keysStart) : j]
	if got == want {
		return
	}
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		updated := readme[:i+len(keysStart)] + want + readme[j:]
		if err := os.WriteFile(path, []byte(updated), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's key table differs from the key map; run: go test ./ui -run TestREADMEKeys -update\n--- want:\n%s", want)
}
