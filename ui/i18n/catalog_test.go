package i18n

import (
	"reflect"
	"strings"
	"testing"
	"unicode"

	"crieur/message"
)

// TestCataloguesAreComplete fails on any string left empty in either
// language, so a missing translation never shows as a blank.
func TestCataloguesAreComplete(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		checkFilled(t, lang, reflect.ValueOf(*For(lang)), "Text")
	}
	if len(fr.Check) != len(en.Check) || len(fr.StatusBadge) != len(en.StatusBadge) || len(fr.RevKinds) != len(en.RevKinds) {
		t.Error("the two catalogues do not name the same checks, statuses and revisions")
	}
}

// TestEveryCheckHasItsSentence fails on a check the desk would show as
// its bare code.
func TestEveryCheckHasItsSentence(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		for _, code := range message.CheckCodes {
			if For(lang).Check[code] == "" {
				t.Errorf("%s: no sentence for the check %q", lang, code)
			}
		}
	}
}

func checkFilled(t *testing.T, lang string, v reflect.Value, path string) {
	switch v.Kind() {
	case reflect.String:
		if v.String() == "" {
			t.Errorf("%s: %s is empty", lang, path)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			checkFilled(t, lang, v.Field(i), path+"."+v.Type().Field(i).Name)
		}
	case reflect.Array, reflect.Slice:
		for i := range v.Len() {
			checkFilled(t, lang, v.Index(i), path)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			checkFilled(t, lang, v.MapIndex(k), path+"["+k.String()+"]")
		}
	}
}

func TestDetect(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		choice string
		env    map[string]string
		want   string
	}{
		{"", map[string]string{"LANG": "fr_FR.UTF-8"}, "fr"},
		{"", map[string]string{"LANG": "fr_FR.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"},
		{"", map[string]string{"LC_MESSAGES": "fr_CA"}, "fr"},
		{"en", map[string]string{"LANG": "fr_FR"}, "en"},
		{"", nil, "en"},
	}
	for _, tt := range tests {
		if got := Detect(tt.choice, env(tt.env)); got != tt.want {
			t.Errorf("Detect(%q, %v) = %s, want %s", tt.choice, tt.env, got, tt.want)
		}
	}
}

// TestFrenchTypography holds the French catalogue to French typography: a
// no-break space (U+00A0 or U+202F) before : ; ! ? and inside « », values
// quoted « %s » rather than "%q", typographic apostrophes, and real
// plurals rather than "envoi(s)".
func TestFrenchTypography(t *testing.T) {
	nbsp := func(r rune) bool { return r == '\u00a0' || r == '\u202f' }
	eachString(reflect.ValueOf(fr), "fr", func(path, s string) {
		rs := []rune(s)
		for i, r := range rs {
			var before, after rune = '\n', '\n'
			if i > 0 {
				before = rs[i-1]
			}
			if i+1 < len(rs) {
				after = rs[i+1]
			}
			bad := ""
			switch {
			case strings.ContainsRune(":;!?", r) && before == ' ':
				bad = "a plain space before " + string(r)
			case strings.ContainsRune(";!?", r) && !nbsp(before) && before != '\n':
				bad = "no space before " + string(r)
			case r == ':' && !nbsp(before) && (after == ' ' || after == '\n'):
				bad = "no space before :"
			case r == '«' && !nbsp(after):
				bad = "no no-break space after «"
			case r == '»' && !nbsp(before):
				bad = "no no-break space before »"
			case r == '\'' && unicode.IsLetter(before) && unicode.IsLetter(after):
				bad = "a straight apostrophe"
			}
			if bad != "" {
				t.Errorf("%s: %s in %q", path, bad, s)
				return
			}
		}
		if strings.Contains(strings.ReplaceAll(s, "http(s)", ""), "(s)") || strings.Contains(s, "(e)") {
			t.Errorf("%s: a plural or an agreement left to the reader, where Plural says it: %q", path, s)
		}
		if strings.Contains(s, "%q") || strings.Contains(s, "]q") {
			t.Errorf("%s: a value quoted with %%q rather than « %%s »: %q", path, s)
		}
	})
}

func eachString(v reflect.Value, path string, fn func(path, s string)) {
	switch v.Kind() {
	case reflect.String:
		fn(path, v.String())
	case reflect.Struct:
		for i := range v.NumField() {
			eachString(v.Field(i), path+"."+v.Type().Field(i).Name, fn)
		}
	case reflect.Array, reflect.Slice:
		for i := range v.Len() {
			eachString(v.Index(i), path, fn)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			eachString(v.MapIndex(k), path+"["+k.String()+"]", fn)
		}
	}
}
