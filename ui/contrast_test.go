package ui

import (
	"image/color"
	"reflect"
	"testing"

	markdown "charm.land/glamour/v2/ansi"
	"charm.land/lipgloss/v2"

	"crieur/internal/wcag"
)

// decoration are the styles that draw no text: rules and borders, which
// WCAG holds to less than text.
var decoration = map[string]bool{"Rule": true}

// TestTextContrast holds every text colour of both themes of the desk, the
// fields' placeholders and the notes' Markdown included, to WCAG AA: 4.5:1
// on the background it is drawn on, its own or each terminal background
// the theme is made for.
func TestTextContrast(t *testing.T) {
	for _, dark := range []bool{false, true} {
		st := NewStyles(dark)
		if len(st.Backgrounds) == 0 {
			t.Fatal("the theme names no background")
		}
		check := func(name string, style lipgloss.Style) {
			fg := style.GetForeground()
			if _, none := fg.(lipgloss.NoColor); none || fg == nil || decoration[name] {
				return
			}
			bgs := st.Backgrounds
			if bg := style.GetBackground(); bg != nil {
				if _, none := bg.(lipgloss.NoColor); !none {
					bgs = []color.Color{bg}
				}
			}
			for _, bg := range bgs {
				if c := wcag.Contrast(fg, bg); c < wcag.AA {
					t.Errorf("dark=%v %s: %v on %v is %.2f:1", dark, name, fg, bg, c)
				}
			}
		}
		eachStyle(reflect.ValueOf(st), "Styles", check)
		eachStyle(reflect.ValueOf(inputStyles(&st)), "inputStyles", check)
		eachStyle(reflect.ValueOf(textFieldStyles(&st)), "textFieldStyles", check)
		eachStyle(reflect.ValueOf(*st.Form()), "Form", check)
		eachColour(reflect.ValueOf(st.Markdown), "Markdown", func(name string, fg *string) {
			check(name, lipgloss.NewStyle().Foreground(lipgloss.Color(*fg)))
		})
	}
}

// eachStyle calls fn on every lipgloss style in v, by its path.
func eachStyle(v reflect.Value, path string, fn func(string, lipgloss.Style)) {
	if st, ok := v.Interface().(lipgloss.Style); ok {
		fn(path, st)
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				eachStyle(v.Field(i), v.Type().Field(i).Name, fn)
			}
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			eachStyle(v.MapIndex(k), path, fn)
		}
	}
}

// eachColour calls fn on the text colour of every Markdown style primitive
// in v; a background there would be a mistake of its own.
func eachColour(v reflect.Value, path string, fn func(string, *string)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			eachColour(v.Elem(), path, fn)
		}
	case reflect.Struct:
		if prim, ok := v.Interface().(markdown.StylePrimitive); ok {
			if prim.Color != nil {
				fn(path, prim.Color)
			}
			if prim.BackgroundColor != nil {
				fn(path+" (a background)", new(string))
			}
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				eachColour(v.Field(i), path+"."+v.Type().Field(i).Name, fn)
			}
		}
	}
}
