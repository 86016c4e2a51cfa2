//! Marks what a finger can tap, so the layout audit (tests/ui/layout.rs) can find every
//! control on a screen with its bounds, and what its label needs. iced's buttons report
//! themselves to operations as plain containers; these wrappers add a [`Mark`] around
//! them through `Operation::custom`, which iced_test's selectors see as
//! `Candidate::Custom`. They draw nothing and change no layout.
//!
//! Every shared button helper in this module ([`super::action`], [`super::text_action`],
//! [`super::field_button`], [`super::choice`]) and [`super::press_at`] mark their
//! controls; a screen that builds an iced `button` itself wraps it in [`marked`].

use iced::advanced::layout::{self, Layout};
use iced::advanced::widget::{Operation, Tree};
use iced::advanced::{Clipboard, Shell, Widget, overlay, renderer};
use iced::widget::Button;
use iced::{Element, Event, Length, Padding, Rectangle, Size, Vector, mouse};

/// What a marker says about the widgets it wraps, in the order an operation meets them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    /// A tappable control starts here; every candidate up to the matching
    /// [`Mark::End`] is inside it.
    Begin,
    End,
    /// The next text is a label, measured where it is: `clipped` when it needs more
    /// height than it has (lines cut off or drawn over the edge), `wraps` when it does
    /// not fit one line in the width it has.
    /// (More than a line's leading missing counts as clipped.)
    Label {
        clipped: bool,
        wraps: bool,
    },
}

/// A marker around any element: a control ([`marked`]) or a label ([`fit`]).
pub struct Marked<'a, M, Theme, Renderer> {
    content: Element<'a, M, Theme, Renderer>,
    label: bool,
    /// The limits of the latest layout (a label is measured again against them).
    limits: Option<layout::Limits>,
}

/// Marks `content` as one tappable control.
pub fn marked<'a, M, Theme, Renderer>(
    content: impl Into<Element<'a, M, Theme, Renderer>>,
) -> Marked<'a, M, Theme, Renderer> {
    Marked {
        content: content.into(),
        label: false,
        limits: None,
    }
}

/// Marks `content` (a text) as a label whose fit the audit checks.
pub fn fit<'a, M, Theme, Renderer>(
    content: impl Into<Element<'a, M, Theme, Renderer>>,
) -> Marked<'a, M, Theme, Renderer> {
    Marked {
        content: content.into(),
        label: true,
        limits: None,
    }
}

impl<M, Theme, Renderer> Widget<M, Theme, Renderer> for Marked<'_, M, Theme, Renderer>
where
    Renderer: renderer::Renderer,
{
    fn tag(&self) -> iced::advanced::widget::tree::Tag {
        self.content.as_widget().tag()
    }

    fn state(&self) -> iced::advanced::widget::tree::State {
        self.content.as_widget().state()
    }

    fn children(&self) -> Vec<Tree> {
        self.content.as_widget().children()
    }

    fn diff(&self, tree: &mut Tree) {
        self.content.as_widget().diff(tree);
    }

    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn size_hint(&self) -> Size<Length> {
        self.content.as_widget().size_hint()
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        self.limits = Some(*limits);
        self.content.as_widget_mut().layout(tree, renderer, limits)
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &Renderer,
        operation: &mut dyn Operation,
    ) {
        let bounds = layout.bounds();
        if self.label {
            if let Some(limits) = self.limits {
                let widget = self.content.as_widget_mut();
                let max = limits.max();
                let tall = layout::Limits::new(Size::ZERO, Size::new(max.width, f32::INFINITY));
                let needs = widget.layout(tree, renderer, &tall).size();
                let wide = layout::Limits::new(Size::ZERO, Size::INFINITE);
                let one_line = widget.layout(tree, renderer, &wide).size();
                // Back to the layout it is drawn with.
                let _ = widget.layout(tree, renderer, &limits);
                // A line's leading (its line height beyond the glyphs) may be cut;
                // more than that cuts the glyphs.
                let leading = one_line.height * 0.2;
                let mut mark = Mark::Label {
                    clipped: needs.height > bounds.height + leading,
                    wraps: one_line.width > max.width + 0.5,
                };
                operation.custom(None, bounds, &mut mark);
            }
            self.content
                .as_widget_mut()
                .operate(tree, layout, renderer, operation);
        } else {
            operation.custom(None, bounds, &mut Mark::Begin);
            self.content
                .as_widget_mut()
                .operate(tree, layout, renderer, operation);
            operation.custom(None, bounds, &mut Mark::End);
        }
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, M>,
        viewport: &Rectangle,
    ) {
        self.content.as_widget_mut().update(
            tree, event, layout, cursor, renderer, clipboard, shell, viewport,
        );
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &Renderer,
    ) -> mouse::Interaction {
        self.content
            .as_widget()
            .mouse_interaction(tree, layout, cursor, viewport, renderer)
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.content
            .as_widget()
            .draw(tree, renderer, theme, style, layout, cursor, viewport);
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, M, Theme, Renderer>> {
        self.content
            .as_widget_mut()
            .overlay(tree, layout, renderer, viewport, translation)
    }
}

impl<'a, M: 'a, Theme: 'a, Renderer> From<Marked<'a, M, Theme, Renderer>>
    for Element<'a, M, Theme, Renderer>
where
    Renderer: renderer::Renderer + 'a,
{
    fn from(marked: Marked<'a, M, Theme, Renderer>) -> Self {
        Element::new(marked)
    }
}

/// A button that marks itself when it becomes an element: the shared helpers return
/// this, so screens keep setting its size and style as on an iced `Button`.
pub struct Tap<'a, M, Theme = crate::theme::Theme>(Button<'a, M, Theme>)
where
    Theme: iced::widget::button::Catalog;

impl<'a, M: Clone + 'a> Tap<'a, M> {
    pub fn new(button: Button<'a, M, crate::theme::Theme>) -> Self {
        Tap(button)
    }

    pub fn width(self, width: impl Into<Length>) -> Self {
        Tap(self.0.width(width))
    }

    pub fn height(self, height: impl Into<Length>) -> Self {
        Tap(self.0.height(height))
    }

    pub fn padding(self, padding: impl Into<Padding>) -> Self {
        Tap(self.0.padding(padding))
    }

    pub fn on_press(self, message: M) -> Self {
        Tap(self.0.on_press(message))
    }

    pub fn on_press_maybe(self, message: Option<M>) -> Self {
        Tap(self.0.on_press_maybe(message))
    }

    pub fn style(self, style: super::Style) -> Self {
        Tap(self.0.style(style))
    }
}

impl<'a, M: Clone + 'a> From<Tap<'a, M>> for crate::theme::Element<'a, M> {
    fn from(tap: Tap<'a, M>) -> Self {
        marked(tap.0).into()
    }
}
