package i18n

import (
	"reflect"
	"strings"
	"testing"
)

// TestPlurals checks the forms the languages pick, from their own rules:
// French "0 publication", English "0 posts".
func TestPlurals(t *testing.T) {
	p := Plural{One: "%s one", Other: "%s other"}
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"fr", 0, "0 one"}, {"fr", 1, "1 one"}, {"fr", 2, "2 other"}, {"fr", 1500, "1\u202f500 other"},
		{"en", 0, "0 other"}, {"en", 1, "1 one"}, {"en", 2, "2 other"}, {"en", 1500, "1,500 other"},
		{"fr", -1, "-1 one"},
	}
	for _, tt := range tests {
		if got := For(tt.lang).N(p, tt.n); got != tt.want {
			t.Errorf("%s N(%d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
	if got := For("fr").N(Plural{One: "%[2]s : %[1]s envoi", Other: "%[2]s : %[1]s envois"}, 3, "hier"); got != "hier : 3 envois" {
		t.Errorf("reordered arguments: %q", got)
	}
}

// TestNoPluralLeftToTheReader: neither language writes "(s)" where a
// Plural says the count's form.
func TestNoPluralLeftToTheReader(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		eachString(reflect.ValueOf(*For(lang)), lang, func(path, s string) {
			if strings.Contains(strings.ReplaceAll(s, "http(s)", ""), "(s)") {
				t.Errorf("%s: %q", path, s)
			}
		})
	}
}
