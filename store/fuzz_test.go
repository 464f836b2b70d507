package store

import (
	"errors"
	"testing"
)

// FuzzDecodeSummary feeds arbitrary bytes to the summary decoder, as a
// damaged file would: it must answer ErrCorrupt or a summary, never panic,
// and a summary it accepts, of either version, must survive encoding (in
// the current version) and decoding again.
func FuzzDecodeSummary(f *testing.F) {
	f.Fuzz(func(t *testing.T, b []byte) {
		s, key, err := decodeSummaryIn(b, &arena{})
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v does not wrap ErrCorrupt", err)
			}
			return
		}
		again, againKey, err := decodeSummary(encodeSummary(s, string(key)))
		if err != nil {
			t.Fatalf("re-decoding an accepted summary: %v", err)
		}
		if again != s || againKey != string(key) {
			t.Fatalf("round trip changed the summary:\n%+v\n%+v", s, again)
		}
	})
}
