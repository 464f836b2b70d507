package store

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/BurntSushi/toml"
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

// FuzzParseSettings feeds arbitrary text to the settings parser: it must
// answer ErrSettings or settings that pass their own checks, never panic,
// and settings it accepts must read back the same once written out.
func FuzzParseSettings(f *testing.F) {
	f.Add([]byte(settingsTemplate))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSettings(data)
		if err != nil {
			if !errors.Is(err, ErrSettings) {
				t.Fatalf("error %v does not wrap ErrSettings", err)
			}
			if bytes.Contains([]byte(err.Error()), []byte("\n")) {
				t.Fatalf("error %q spans several lines", err)
			}
			return
		}
		if err := s.check(); err != nil {
			t.Fatalf("accepted settings fail their checks: %v", err)
		}
		var out bytes.Buffer
		if err := toml.NewEncoder(&out).Encode(s); err != nil {
			t.Fatalf("encode accepted settings: %v", err)
		}
		again, err := ParseSettings(out.Bytes())
		if err != nil {
			t.Fatalf("settings written out do not parse: %v\n%s", err, out.String())
		}
		if !reflect.DeepEqual(normalize(again), normalize(s)) {
			t.Fatalf("settings changed on the way:\n%+v\n%+v", s, again)
		}
	})
}

// normalize treats an empty domain list and a missing one alike.
func normalize(s Settings) Settings {
	if len(s.Channel.AllowedDomains) == 0 {
		s.Channel.AllowedDomains = nil
	}
	return s
}
