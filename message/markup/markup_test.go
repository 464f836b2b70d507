package markup

import (
	"strings"
	"testing"
)

// show writes parsed lines compactly: a styled span is {flags:text} with
// b bold, i italic, s strike, m mono, c code, l link; a quote line starts
// with "> ", a bullet with "• ", a numbered line with "N. ".

func TestParse(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// The basic markers.
		{"bold", "*gras*", "{b:gras}"},
		{"italic", "_italique_", "{i:italique}"},
		{"strike", "~barré~", "{s:barré}"},
		{"inline code", "lancez `make test` ici", "lancez {c:make test} ici"},
		{"plain", "Bonjour à tous", "Bonjour à tous"},
		{"empty", "", ""},

		// An opener must be followed, and a closer preceded, by a
		// character that is not a space.
		{"opener followed by space", "* x*", "• x*"},
		{"opener followed by space mid-line", "a * x* b", "a * x* b"},
		{"closer preceded by space", "*x *", "*x *"},
		{"closer preceded by space mid-line", "a *x * b", "a *x * b"},

		// A letter or digit next to a marker cancels it.
		{"digits", "2*3*4", "2*3*4"},
		{"snake_case", "snake_case", "snake_case"},
		{"letter before opener", "a*b*", "a*b*"},
		{"letter after closer", "~x~z", "~x~z"},
		{"combining accent counts as a letter", "e\u0301*x*", "e\u0301*x*"},
		{"accented letter", "é_x_", "é_x_"},
		{"URL with underscores", "https://valbourg.fr/plan_du_site_2024", "{l:https://valbourg.fr/plan_du_site_2024}"},
		{"underscores in a bare path", "voir valbourg.fr/a_b_c", "voir valbourg.fr/a_b_c"},
		{"URL keeps markers inside", "www.valbourg.fr/_x_/", "{l:www.valbourg.fr/_x_/}"},
		{"bold URL", "*https://valbourg.fr*", "{bl:https://valbourg.fr}"},
		{"URL then punctuation", "Infos : https://valbourg.fr/a.", "Infos : {l:https://valbourg.fr/a}."},

		// Punctuation and emoji next to a marker do not cancel it.
		{"comma after closer", "*Rafael*,", "{b:Rafael},"},
		{"emoji after closer", "*abc*🤔", "{b:abc}🤔"},
		{"emoji before opener", "🤔*abc*", "🤔{b:abc}"},
		{"parentheses", "(_voir_)", "({i:voir})"},

		// Same marker after a closer; doubled markers.
		{"same marker after closer", "*a**b*c*", "{b:a}*b*c*"},
		{"doubled marker pairs outside", "**Text**", "{b:*Text*}"},
		{"doubled italic", "__x__", "{i:_x_}"},
		{"tripled", "***x***", "{b:**x**}"},

		// Crossing pairs: the one that closes first wins.
		{"crossing", "The *quick _brown* fox_", "The {b:quick _brown} fox_"},
		{"crossing other order", "_a *b_ c*", "{i:a *b} c*"},

		// Nesting.
		{"nested", "*_both_*", "{bi:both}"},
		{"nested three", "~*_tout_*~", "{bis:tout}"},
		{"nested partial", "*gras _et italique_ puis gras*", "{b:gras }{bi:et italique}{b: puis gras}"},
		{"same kind nested", "*a *b* c*", "{b:a b c}"},
		{"code inside bold", "*lancez `make`*", "{b:lancez }{bc:make}"},
		{"marker inside code is text", "`a*b*c`", "{c:a*b*c}"},
		{"code cannot cross bold", "*a `b* c`", "*a {c:b* c}"},

		// Another kind right after a closer works (our choice).
		{"other kind after closer", "*a*_b_", "{b:a}{i:b}"},

		// Spaces between spans are kept.
		{"two strikes", "~Gone~ ~Also~", "{s:Gone} {s:Also}"},
		{"two bolds", "*a* *b*", "{b:a} {b:b}"},

		// Unbalanced stays literal.
		{"unclosed", "*pas fermé", "*pas fermé"},
		{"unclosed inner", "*a _b*", "{b:a _b}"},
		{"lone backtick", "it`s", "it`s"},
		{"empty pair", "**", "**"},
		{"only marker", "*", "*"},

		// Inline markers do not span a line break.
		{"no span across lines", "*début\nfin*", "*début\nfin*"},

		// Monospace.
		{"mono", "```code```", "{m:code}"},
		{"mono keeps spaces and markers", "```a  *b*  _c_```", "{m:a  *b*  _c_}"},
		{"mono ignores word rules", "x```y```z", "x{m:y}z"},
		{"mono across lines", "avant ```un\n> deux\n* trois``` après *gras*",
			"avant {m:un}\n{m:> deux}\n{m:* trois} après {b:gras}"},
		{"mono unclosed", "```rien", "```rien"},
		{"mono empty", "``````", "``````"},
		{"bold around mono", "*voir ```x```*", "{b:voir }{bm:x}"},

		// Block markers.
		{"quote", "> Citation *importante*", "> Citation {b:importante}"},
		{"quote needs the space", ">pas une citation", ">pas une citation"},
		{"bullet star", "* premier", "• premier"},
		{"bullet dash", "- second _point_", "• second {i:point}"},
		{"bullet then bold", "* *gras*", "• {b:gras}"},
		{"numbered", "1. un\n2. deux\n10. dix", "1. un\n2. deux\n10. dix"},
		{"numbered needs the space", "1.pas", "1.pas"},
		{"numbered too long", "1234567890. x", "1234567890. x"},
		{"indented marker is text", "  - pas une puce", "  - pas une puce"},
		{"marker mid-line is text", "a - b > c", "a - b > c"},
		{"empty lines kept", "a\n\nb", "a\n\nb"},
		{"dash line alone", "-", "-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Show(Parse(tt.in)); got != tt.want {
				t.Errorf("Parse(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseNumber(t *testing.T) {
	lines := Parse("42. réponse")
	if len(lines) != 1 || lines[0].Kind != LineNumbered || lines[0].Number != 42 {
		t.Fatalf("got %+v", lines)
	}
}

// Long runs of markers must not make the parser quadratic: these inputs
// would take minutes if it were.
func TestParseLargeInputs(t *testing.T) {
	for name, text := range map[string]string{
		"stars after an opener": "*x " + strings.Repeat("*", 200_000),
		"many openers":          strings.Repeat("*a _b ~c `d ", 30_000),
		"merged spans":          strings.Repeat("*a**", 50_000),
		"backticks and fences":  strings.Repeat("`a ```b``` ", 30_000),
	} {
		lines := Parse(text)
		if len(lines) != 1 {
			t.Errorf("%s: %d lines", name, len(lines))
		}
	}
}

func TestUnbalanced(t *testing.T) {
	tests := []struct{ in, want string }{
		{"*Alerte orange* : vent fort", ""},
		{"*Alerte orange : vent fort", "*Alerte orange"},
		{"2*3*4 et snake_case restent", ""},
		{"**Texte** doublé", ""},
		{"une URL https://x.fr/a_b_c reste", ""},
		{"- liste\n* puce", ""},
		{"fin _ouverte", "fin _ouverte"},
		{"```bloc\nsur deux lignes```", ""},
		{"`code", "`code"},
		{"~barré~ puis ~pas", "barré~ puis ~pas"},
	}
	for _, tt := range tests {
		if got := Unbalanced(tt.in); got != tt.want {
			t.Errorf("Unbalanced(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLength(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"*gras*", 4},
		{"a\nb", 3},
		{"👨‍👩‍👧‍👦 🇫🇷", 3},
		{"e\u0301té", 3},
	}
	for _, tt := range tests {
		if got := Length(tt.in); got != tt.want {
			t.Errorf("Length(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
