{# The house table for a DataFrame: pandas' own table, named by a caption above it and held in a box
   that scrolls sideways on a narrow screen (the markup of the Data page's tables, recount.publish.schema,
   which book/_static/recount.css styles in light and dark mode); each body cell labelled with its column
   (data-label), so that on a phone the stylesheet stacks each row into a card of labelled lines, as it
   does for the other tables of the book. #}
{% extends "html_table.tpl" %}
{% block before_table %}<figure class="recount-table-figure recount-frame-figure">{% if caption %}<figcaption class="recount-table-caption">{{caption}}</figcaption>{% endif %}<div class="recount-scroll" style="overflow-x:auto;max-width:100%;-webkit-overflow-scrolling:touch">{% endblock before_table %}
{% block caption %}{% endblock caption %}
{% block tr scoped %}
    <tr>
{% for c in r %}{% if c.is_visible != False %}
      <{{c.type}} class="{{c.class}}" data-label="{{ head[0][loop.index0].display_value | e }}">{{c.display_value}}</{{c.type}}>
{% endif %}{% endfor %}
    </tr>
{% endblock tr %}
{% block after_table %}</div></figure>{% endblock after_table %}
