package rules

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// visitStructs calls fn for every struct value reachable from rv, with
// its path in the file's own terms (yaml names, "[i]" for list items,
// ".key" for map entries). Validation uses it to find every sourced value
// and overrides use it to find every Fact, so a new field in the schema
// is covered without touching either.
func visitStructs(rv reflect.Value, path string, fn func(path string, rv reflect.Value)) {
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !rv.IsNil() {
			visitStructs(rv.Elem(), path, fn)
		}
	case reflect.Struct:
		fn(path, rv)
		t := rv.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name := yamlName(f)
			// A Fact's value is data, not a sourced record: do not descend.
			if !f.IsExported() || name == "" || name == "value" {
				continue
			}
			visitStructs(rv.Field(i), join(path, name), fn)
		}
	case reflect.Slice:
		for i := 0; i < rv.Len(); i++ {
			visitStructs(rv.Index(i), fmt.Sprintf("%s[%d]", path, i), fn)
		}
	case reflect.Map:
		keys := rv.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		for _, k := range keys {
			visitStructs(rv.MapIndex(k), join(path, fmt.Sprint(k)), fn)
		}
	}
}

func yamlName(f reflect.StructField) string {
	tag := f.Tag.Get("yaml")
	name, _, _ := strings.Cut(tag, ",")
	if name == "-" {
		return ""
	}
	return name
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// provenance extracts Status and Source from a struct that has both
// fields (Fact, Alternative, Category, Service, ...).
func provenance(rv reflect.Value) (Status, string, bool) {
	st := rv.FieldByName("Status")
	src := rv.FieldByName("Source")
	if !st.IsValid() || !src.IsValid() || st.Type() != reflect.TypeOf(Status("")) || src.Kind() != reflect.String {
		return "", "", false
	}
	return Status(st.String()), src.String(), true
}
