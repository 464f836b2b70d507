package i18ntest

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"crieur/ui/i18n"
)

func TestForeignFindsTheOtherLanguage(t *testing.T) {
	fr, en := i18n.For("fr"), i18n.For("en")
	text := "crieur · " + en.Phone.ReadMore + " · " + fr.Tabs[1]
	if got := Foreign("fr", text); len(got) != 1 || got[0] != en.Phone.ReadMore {
		t.Errorf("Foreign(fr) = %q, want [%q]", got, en.Phone.ReadMore)
	}
	if got := Foreign("en", text); len(got) != 1 || got[0] != fr.Tabs[1] {
		t.Errorf("Foreign(en) = %q, want [%q]", got, fr.Tabs[1])
	}
	// A piece inside a longer word is not that word.
	if got := Foreign("fr", "Texte"); len(got) != 0 {
		t.Errorf("Foreign(fr, Texte) = %q", got)
	}
	if got := Foreign("fr", en.Status("idea"), en.Status("idea")); len(got) != 0 {
		t.Errorf("an allowed word was reported: %q", got)
	}
}

// TestEntriesSpeakTheirLanguage reads every entry of each catalogue for
// the other's words: an entry left untranslated, or half translated.
func TestEntriesSpeakTheirLanguage(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		other := "en"
		if lang == "en" {
			other = "fr"
		}
		for _, entry := range Entries(lang) {
			// A template's actions are code, not words.
			entry := action.ReplaceAllString(entry, "")
			if got := Foreign(lang, entry, ScriptWords...); len(got) > 0 {
				t.Errorf("%s entry %q holds %s words: %s", lang, entry, other, strings.Join(got, " | "))
			}
		}
	}
}

var action = regexp.MustCompile(`\{\{[^}]*\}\}`)

// Quotes finds a server's English passed on as it is, and not the few
// words a French sentence shares with it.
func TestQuotesFindsTheWordsOfAnotherText(t *testing.T) {
	raw := "webhook hook.example, attempt 3 of 3: HTTP 500 Internal Server Error: oops (outcome unknown)"
	leaked := "dernière tentative\u202f: HTTP 500 Internal Server Error"
	if got := Quotes(leaked, raw); !slices.Contains(got, "Internal Server Error") {
		t.Errorf("Quotes = %q", got)
	}
	said := "dernière tentative\u202f: le serveur de la destination a répondu par une erreur (HTTP 500)"
	if got := Quotes(said, raw); len(got) != 0 {
		t.Errorf("Quotes of a French sentence = %q", got)
	}
	if got := Leaks("fr", said+" · "+i18n.For("en").SendErrors.Codes["timeout"], []string{raw}); !slices.Contains(got, "no answer in time") {
		t.Errorf("Leaks = %q, want the English sentence", got)
	}
}
