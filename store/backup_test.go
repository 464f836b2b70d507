package store

import (
	"errors"
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
	if err != nil || len(sums) != 2 || sums[0].Title() != "Marché de Noël 🎄" {
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

func TestBackupNeverWritesThroughALink(t *testing.T) {
	st, _ := openTemp(t)
	mustSave(t, st, Post{Title: "précieux"})
	victim := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(victim, []byte("the notes of a person"), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := st.BackupDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	// A link planted where today's backup and an on-demand copy would go.
	daily := filepath.Join(dir, "crieur-2025-11-24.db")
	demand := filepath.Join(dir, "copie.db")
	for _, link := range []string{daily, demand} {
		if err := os.Symlink(victim, link); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Backup(demand); !errors.Is(err, ErrBackupExists) {
		t.Errorf("a backup onto a link: %v, want ErrBackupExists", err)
	}
	if made, err := st.DailyBackup(); made != "" || err != nil {
		t.Errorf("the daily backup with a link in its place: %q, %v", made, err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "the notes of a person" {
		t.Errorf("the file behind the link was written: %q", b)
	}
	if matches, _ := filepath.Glob(filepath.Join(dir, "*.part")); len(matches) > 0 {
		t.Errorf("half-written copies left: %v", matches)
	}
}

func TestLeftoversGoRotationTouchesOnlyCrieursOwn(t *testing.T) {
	st, c := openTemp(t)
	mustSave(t, st, Post{Title: "précieux"})
	dir := st.BackupDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	put := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	victim := filepath.Join(t.TempDir(), "victim.part")
	if err := os.WriteFile(victim, []byte("not crieur's"), 0o600); err != nil {
		t.Fatal(err)
	}
	// What killed backups left, as this crieur and an older one name them.
	put(".crieur-backup-123456.part", strings.Repeat("x", 1<<20))
	put("crieur-2025-11-23.db.part", strings.Repeat("x", 1<<20))
	if err := os.Symlink(victim, filepath.Join(dir, ".crieur-backup-777.part")); err != nil {
		t.Fatal(err)
	}
	// What the person keeps there: never removed.
	mine := []string{"crieur-avant-fete.db", "notes.part", "crieur-2025-1-1.db", "crieur-.db.part"}
	for _, n := range mine {
		put(n, "a person's file")
	}
	for range 10 {
		if _, err := st.DailyBackup(); err != nil {
			t.Fatal(err)
		}
		c.advance(24 * time.Hour)
	}
	// A file the person names as crieur would, once crieur records its own.
	put("crieur-2025-11-20.db", "a person's copy")
	mine = append(mine, "crieur-2025-11-20.db")
	for range 3 {
		if _, err := st.DailyBackup(); err != nil {
			t.Fatal(err)
		}
		c.advance(24 * time.Hour)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var dailies []string
	have := map[string]bool{}
	for _, e := range entries {
		have[e.Name()] = true
		if isDaily(e.Name()) && e.Name() != "crieur-2025-11-20.db" {
			dailies = append(dailies, e.Name())
		}
	}
	for _, n := range mine {
		if !have[n] {
			t.Errorf("the person's %s was removed", n)
		}
	}
	for _, n := range []string{".crieur-backup-123456.part", "crieur-2025-11-23.db.part", ".crieur-backup-777.part"} {
		if have[n] {
			t.Errorf("the leftover %s is still there", n)
		}
	}
	if b, err := os.ReadFile(victim); err != nil || string(b) != "not crieur's" {
		t.Errorf("the file behind a leftover link: %q, %v", b, err)
	}
	want := []string{"crieur-2025-11-30.db", "crieur-2025-12-01.db", "crieur-2025-12-02.db", "crieur-2025-12-03.db",
		"crieur-2025-12-04.db", "crieur-2025-12-05.db", "crieur-2025-12-06.db"}
	if !slices.Equal(dailies, want) {
		t.Errorf("daily backups kept: %v, want %v", dailies, want)
	}
	if got := LatestBackup(st.Path()); got != filepath.Join(dir, "crieur-2025-12-06.db") {
		t.Errorf("LatestBackup = %q", got)
	}
}
