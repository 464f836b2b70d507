package phone

import (
	"reflect"
	"testing"

	"crieur/message/markup"
)

// The phone cuts "Read more" exactly where the check says a text is too
// long: both count what a follower sees with the same grapheme segmenter,
// Indic conjuncts, emoji sequences and combining accents included.
func TestReadMoreCutsWhereTheCheckCounts(t *testing.T) {
	for _, text := range []string{
		"नमस्ते, *Valbourg* !",
		"क्षि क्षि\n> क्षि क्षि",
		"👨‍👩‍👧‍👦 🇫🇷 e\u0301t\u00e9 _là_",
		longPost,
	} {
		n := markup.Length(text)
		if got := cutReadMore(markup.Parse(text), n, "…"); !reflect.DeepEqual(got, markup.Parse(text)) {
			t.Errorf("%.20q: cut at its own length %d", text, n)
		}
		if got := cutReadMore(markup.Parse(text), n-1, "…"); reflect.DeepEqual(got, markup.Parse(text)) {
			t.Errorf("%.20q: not cut at %d, one short of its length", text, n-1)
		}
	}
}
