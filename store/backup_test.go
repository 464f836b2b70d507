package store

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestDailyBackupOnceADayKeepsSeven(t *testing.T) {
	st, c := openTemp(t)
	mustSave(t, st, Post{Title: "Alerte tempête 🌬️", Body: "Restez chez vous.", Category: "alert"})
	c.advance(time.Minute)
	mustSave(t, st, Post{Title: "Marché de Noël 🎄", Category: "event"})

	first, err := st.DailyBackup()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(st.BackupDir(), "crieur-2025-11-24.db"); first != want {
		t.Errorf("first backup %q, want %q", first, want)
	}
	c.advance(6 * time.Hour)
	if again, err := st.DailyBackup(); again != "" || err != nil {
		t.Errorf("second backup the same day = %q, %v; want none", again, err)
	}

	// An on-demand backup is never rotated away.
	manual := filepath.Join(st.BackupDir(), "crieur-2025-11-24-153000.db")
	if err := st.Backup(manual); err != nil {
		t.Fatal(err)
	}
	for range 9 {
		c.advance(24 * time.Hour)
		if _, err := st.DailyBackup(); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := os.ReadDir(st.BackupDir())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{
		"crieur-2025-11-24-153000.db",
		"crieur-2025-11-27.db", "crieur-2025-11-28.db", "crieur-2025-11-29.db", "crieur-2025-11-30.db",
		"crieur-2025-12-01.db", "crieur-2025-12-02.db", "crieur-2025-12-03.db",
	}
	if !slices.Equal(names, want) {
		t.Errorf("backups kept:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}

	// The copy is a data file of its own, with the posts in it.
	copyPath := filepath.Join(st.BackupDir(), "crieur-2025-12-03.db")
	info, err := os.Stat(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("backup mode %v, want 0600", perm)
	}
	copied, err := Open(copyPath, Options{})
	if err != nil {
		t.Fatalf("open the backup: %v", err)
	}
	defer copied.Close()
	sums, err := copied.Summaries()
	if err != nil || len(sums) != 2 || sums[0].Title != "Marché de Noël 🎄" {
		t.Errorf("backup summaries = %+v, %v", sums, err)
	}
	if err := copied.Check(); err != nil {
		t.Errorf("backup check: %v", err)
	}
	if matches, _ := filepath.Glob(filepath.Join(st.BackupDir(), "*.part")); len(matches) > 0 {
		t.Errorf("half-written backups left: %v", matches)
	}
}

func TestBackupNeverOverwritesTheDataFile(t *testing.T) {
	st, _ := openTemp(t)
	mustSave(t, st, Post{Title: "précieux"})
	if err := st.Backup(st.Path()); err == nil {
		t.Fatal("a backup onto the data file itself was accepted")
	}
	rel, err := filepath.Rel(mustGetwd(t), st.Path())
	if err == nil {
		if err := st.Backup(rel); err == nil {
			t.Error("a backup onto the data file, named relatively, was accepted")
		}
	}
	if sums, err := st.Summaries(); err != nil || len(sums) != 1 {
		t.Errorf("data file after refused backups: %d posts, %v", len(sums), err)
	}
	if BackupDirFor(st.Path()) != st.BackupDir() {
		t.Errorf("BackupDirFor = %q, BackupDir = %q", BackupDirFor(st.Path()), st.BackupDir())
	}
}

func TestBackupIntoAFolderThatCannotExist(t *testing.T) {
	st, _ := openTemp(t)
	plain := filepath.Join(t.TempDir(), "plain")
	if err := os.WriteFile(plain, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := st.Backup(filepath.Join(plain, "copy.db")); err == nil {
		t.Error("a backup under a regular file succeeded")
	}
}

func mustGetwd(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}
