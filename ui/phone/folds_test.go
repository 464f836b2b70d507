package phone

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"crieur/message"
)

// Folds agrees with the drawing: the phone shows "Read more" exactly when
// Folds says the text is cut.
func TestFoldsAgreesWithTheDrawing(t *testing.T) {
	o := options(38, true)
	for _, limit := range []int{0, 5, 13, 14, 40} {
		o.ReadMore = limit
		for _, text := range []string{"", "un deux trois", "*un* deux\ntrois", "ligne\n\nligne", strings.Repeat("mot ", 12), "🚧 travaux 🚧"} {
			drawn := strings.Contains(ansi.Strip(Render(message.Message{Text: text}, o)), "Lire\u00a0la\u00a0suite")
			if got := Folds(text, limit); got != drawn {
				t.Errorf("Folds(%q, %d) = %v, the phone shows the cut: %v", text, limit, got, drawn)
			}
		}
	}
}
