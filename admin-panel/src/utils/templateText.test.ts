import { describe, expect, it } from 'vitest';
import { insertAtCursor, usesVariable, variableProblem } from './templateText';

describe('message templates (Jinja2, services/messaging/rendering.py)', () => {
  it('finds a variable read in a tag, not in plain text or inside another name', () => {
    expect(usesVariable('Open {{ link }}', 'link')).toBe(true);
    expect(usesVariable('{% if link %}yes{% endif %}', 'link')).toBe(true);
    expect(usesVariable('{{link|upper}}', 'link')).toBe(true);
    expect(usesVariable('Open link', 'link')).toBe(false);
    expect(usesVariable('{{ reset_link }} {{ link_text }} {{ "link" }}', 'link')).toBe(false);
  });

  it('flags a printed name that is not a variable, and a tag left open', () => {
    const allowed = ['name', 'email'];
    expect(variableProblem('Hi {{ name | title }} <{{ email }}> {% if name %}!{% endif %} {literal}', allowed)).toBeNull();
    expect(variableProblem('Hi {{ first_name }}', allowed)).toBe('{{ first_name }} is not a variable: use {{ name }} or {{ email }}.');
    expect(variableProblem('Hi {{ name', allowed)).toBe('A {{ or {% is not closed with }} or %}.');
    expect(variableProblem('{% if name %}', allowed)).toBeNull(); // the API finds the missing endif
  });

  it('inserts at the selection, or at the end without a field', () => {
    const field = document.createElement('textarea');
    field.value = 'Hello , bye';
    field.setSelectionRange(6, 6);
    expect(insertAtCursor(field, field.value, '{{ name }}')).toEqual(['Hello {{ name }}, bye', 16]);
    expect(insertAtCursor(null, 'Hi ', '{{ name }}')).toEqual(['Hi {{ name }}', 13]);
  });
});
