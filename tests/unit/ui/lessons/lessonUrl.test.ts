import { describe, expect, it } from 'vitest';
import { describeLessonProblems, formatLessonPlace, parseLessonPlace } from '../../../../src/ui/lessons/lessonUrl';
import { LESSONS } from '../../../../src/ui/lessons/lessons';
import { parseUrlState } from '../../../../src/ui/urlState';

describe('lesson places in the address', () => {
  it('reads ?lesson=2&step=3 as lesson 2, step index 2, and writes it back', () => {
    const parsed = parseLessonPlace('?preset=sheet&lesson=2&step=3', LESSONS);
    expect(parsed).toEqual({ place: { lesson: 2, stepIndex: 2 }, problems: [] });
    expect(formatLessonPlace(parsed.place)).toBe('lesson=2&step=3');
    expect(formatLessonPlace(null)).toBe('');
    expect(parseLessonPlace('?lesson=1', LESSONS).place).toEqual({ lesson: 1, stepIndex: 0 });
    expect(parseLessonPlace('?mg=0.4', LESSONS)).toEqual({ place: null, problems: [] });
  });

  it('refuses a lesson out of range or malformed, naming the field and the range', () => {
    for (const text of ['9', '0', '1.5', 'abc', '', '0x2', '<b>2</b>']) {
      const { place, problems } = parseLessonPlace(`?lesson=${encodeURIComponent(text)}`, LESSONS);
      expect(place, text).toBeNull();
      expect(problems).toHaveLength(1);
      expect(problems[0].field).toBe('lesson');
      expect(problems[0].message).toContain('expected an integer from 1 to 3');
    }
  });

  it('opens the lesson at its first step when only the step is wrong, and says so', () => {
    const { place, problems } = parseLessonPlace('?lesson=3&step=12', LESSONS);
    expect(place).toEqual({ lesson: 3, stepIndex: 0 });
    expect(problems[0].message).toBe(`step = 12 is not allowed: expected an integer from 1 to ${LESSONS[2].steps.length}`);
    expect(describeLessonProblems(problems, place)).toEqual([`${problems[0].message} — starting at step 1.`]);
    const orphan = parseLessonPlace('?step=2', LESSONS);
    expect(orphan.place).toBeNull();
    expect(orphan.problems[0].message).toContain('given with a lesson');
  });

  it('are not unknown parameters to the page state, which still refuses a repeated one', () => {
    expect(parseUrlState('?lesson=2&step=3&mg=0.4').problems).toEqual([]);
    expect(parseUrlState('?lesson=2&lesson=3').problems.map((p) => p.field)).toEqual(['lesson']);
    expect(parseUrlState('?lessons=2').problems.map((p) => p.field)).toEqual(['lessons']);
  });
});
