package message

import (
	"reflect"
	"testing"
)

// The prefilters find what the patterns alone find, whatever the text.
func FuzzPrefiltersFindWhatThePatternsFind(f *testing.F) {
	for _, s := range []string{
		"", "lundi 3", "Mardi 1er décembre 2026 et mercredi 2", "xlundi 3 mardi 4", "lundi  \n\t 3 décembre\n2026",
		"lundilundi 3", "samedi 31 novembre", "DIMANCHE 5 AVRIL", "ſamedi 3", "Tuesday, the 3rd of December, 2026",
		"Tuesday, December 3rd, 2026", "monday 1 tuesday 2, wednesday 3", "Kelvin \u212a: friday 3", "sunday_3 monday3 _friday 4",
		"TODO", "à faire : [date]", "??? ", "lorem ipsum", "Lorem Ipſum", "xxxx fixme", "todos", "[…]", "vendredi 3 [lieu]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, p := range []dayPattern{frDateRE, enDayMonthRE, enMonthDayRE} {
			want := p.re.FindAllStringSubmatchIndex(text, -1)
			if got := p.findAll(text); !reflect.DeepEqual(got, want) {
				t.Fatalf("%q with %s:\n got %v\nwant %v", text, p.re, got, want)
			}
		}
		if !mayHoldPlaceholder(text) && placeholderRE.FindString(text) != "" {
			t.Fatalf("%q holds the placeholder %q, which the prefilter passed over", text, placeholderRE.FindString(text))
		}
	})
}
