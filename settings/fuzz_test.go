package settings

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/BurntSushi/toml"
)

// FuzzParse feeds arbitrary text to the settings parser: it must
// answer ErrInvalid or settings that pass their own checks, never panic,
// and settings it accepts must read back the same once written out.
func FuzzParse(f *testing.F) {
	f.Add([]byte(firstRunFile(f)))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(data)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
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
		again, err := Parse(out.Bytes())
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
