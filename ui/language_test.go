package ui

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"crieur/ui/i18n/i18ntest"
)

// TestGoldensSpeakOneLanguage reads every screen's golden, the phone's
// included: a screen in French shows no entry of the English catalogue
// that differs from its French entry, and the other way round. A screen's
// language is the one of the two whose words it shows.
func TestGoldensSpeakOneLanguage(t *testing.T) {
	n := 0
	for _, root := range []string{"testdata", filepath.Join("phone", "testdata")} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".golden") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			n++
			screen := ansi.Strip(string(data))
			inFrench, inEnglish := i18ntest.Foreign("fr", screen), i18ntest.Foreign("en", screen)
			switch {
			case len(inFrench) > 0 && len(inEnglish) > 0 && len(inFrench) <= len(inEnglish):
				t.Errorf("%s, in French, shows English: %s", path, strings.Join(inFrench, " | "))
			case len(inFrench) > 0 && len(inEnglish) > 0:
				t.Errorf("%s, in English, shows French: %s", path, strings.Join(inEnglish, " | "))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n == 0 {
		t.Fatal("no golden found")
	}
}
