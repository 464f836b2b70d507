package i18n

import (
	"reflect"
	"testing"
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
