package phone

import (
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestWrap(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		width int
		want  []string
	}{
		{"words", "un deux trois quatre", 10, []string{"un deux", "trois", "quatre"}},
		{"spaces at a break go", "aaa   bbb", 4, []string{"aaa", "bbb"}},
		{"spaces between words stay", "a   b", 10, []string{"a   b"}},
		{"indentation stays", "   x", 10, []string{"   x"}},
		{"long word is broken", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"long URL starts a row", "voir https://valbourg.fr/x", 10, []string{"voir", "https://va", "lbourg.fr/", "x"}},
		{"colon stays with its word", "Bonjour vous : oui", 12, []string{"Bonjour", "vous : oui"}},
		{"guillemets stay with their words", "dit « oui » alors", 8, []string{"dit", "« oui »", "alors"}},
		{"glued word after indentation", "  abc :", 5, []string{"  abc", ":"}},
		{"glued word after a broken word", "abcdefgh :", 4, []string{"abcd", "efgh", ":"}},
		{"family is one cluster", "👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦", 4, []string{"👨‍👩‍👧‍👦👨‍👩‍👧‍👦", "👨‍👩‍👧‍👦"}},
		{"skin tone is one cluster", "👍🏽👍🏽👍🏽", 5, []string{"👍🏽👍🏽", "👍🏽"}},
		{"flags", "🇫🇷🇫🇷🇫🇷", 5, []string{"🇫🇷🇫🇷", "🇫🇷"}},
		{"keycaps", "1️⃣2️⃣3️⃣", 4, []string{"1️⃣2️⃣", "3️⃣"}},
		{"combining accents", "e\u0301e\u0301e\u0301", 2, []string{"e\u0301e\u0301", "e\u0301"}},
		{"wide CJK", "中文中文中", 5, []string{"中文", "中文", "中"}},
		{"RTL kept in logical order", "مرحبا بكم في مدينة", 10, []string{"مرحبا بكم", "في مدينة"}},
		{"empty", "", 10, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := wrap([]run{{text: tt.in}}, tt.width)
			var got []string
			for _, r := range rows {
				var b strings.Builder
				for _, x := range r.runs {
					b.WriteString(x.text)
				}
				got = append(got, b.String())
				if w := ansi.StringWidth(b.String()); w != r.w || w > tt.width {
					t.Errorf("row %q: counted %d cells, measures %d, width %d", b.String(), r.w, w, tt.width)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("wrap(%q, %d)\n got %q\nwant %q", tt.in, tt.width, got, tt.want)
			}
		})
	}
}

// Styles change inside a word without breaking it.
func TestWrapKeepsStyledWordsWhole(t *testing.T) {
	rows := wrap([]run{{pen: "a", text: "un mot"}, {pen: "b", text: "coupé"}, {pen: "a", text: " ici"}}, 10)
	var got []string
	for _, r := range rows {
		var b strings.Builder
		for _, x := range r.runs {
			b.WriteString(x.pen + ":" + x.text + " ")
		}
		got = append(got, strings.TrimSpace(b.String()))
	}
	want := []string{"a:un", "a:mot b:coupé", "a:ici"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
