import careers.choices
import careers.fields
import careers.models.posting
import careers.validators
import django.db.models.deletion
import wagtail.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('careers', '0003_posting_newest_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='hiringorganisation',
            name='role',
            field=models.CharField(choices=[('employer', 'Employer'), ('supporter', 'Supported by'), ('partner', 'In partnership with'), ('host', 'Hosted by')], default='employer', help_text='Only employers are named as hiring to search engines.', max_length=20, verbose_name='role'),
        ),
        migrations.AddField(
            model_name='jobpostingpage',
            name='application_cc',
            field=models.CharField(blank=True, help_text='Addresses applicants should copy (cc) their email to. Separate several with commas.', max_length=500, validators=[careers.validators.validate_email_list], verbose_name='copy applications to'),
        ),
        migrations.AddField(
            model_name='jobpostingpage',
            name='direct_apply',
            field=models.BooleanField(default=False, help_text='Tick only if applicants can apply in full on this website, without going elsewhere. Search engines show it.', verbose_name='applications are completed on this site'),
        ),
        migrations.AddField(
            model_name='jobpostingpage',
            name='employment_types',
            field=careers.fields.MultipleChoiceField(choices=[('full_time', 'Full-time'), ('part_time', 'Part-time'), ('consultancy', 'Consultancy or contract'), ('temporary', 'Temporary'), ('internship', 'Internship'), ('volunteer', 'Volunteer'), ('other', 'Other')], default=careers.models.posting.default_employment_types, help_text='Tick every one that applies, such as part-time and consultancy.', max_length=255, verbose_name='types of employment'),
        ),
        migrations.AddField(
            model_name='jobpostingpage',
            name='filled_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='closed by hand at'),
        ),
        migrations.AddField(
            model_name='jobpostingpage',
            name='is_filled',
            field=models.BooleanField(default=False, help_text='Tick to close applications now, whether or not the closing date has come. The posting stays online, marked closed; unpublish it to remove it.', verbose_name='filled or closed'),
        ),
        migrations.AddField(
            model_name='jobpostingpage',
            name='open_until_filled',
            field=models.BooleanField(default=False, help_text='No closing date: applications are taken until the position is filled. Leave the closing date empty.', verbose_name='open until filled'),
        ),
        migrations.AddField(
            model_name='jobpostingpage',
            name='reports_to',
            field=models.CharField(blank=True, help_text='The role the post holder reports to, such as “Programme Director”.', max_length=255, verbose_name='reports to'),
        ),
        migrations.AddField(
            model_name='jobpostingpage',
            name='reports_to_organisation',
            field=models.ForeignKey(blank=True, help_text='Only if that role is in another organisation than the employer.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='careers.organisation', verbose_name='organisation reported to'),
        ),
        migrations.AddField(
            model_name='jobpostingpage',
            name='review_from',
            field=models.DateField(blank=True, help_text='Optional: the day you start reading applications, if you read them as they come.', null=True, verbose_name='applications reviewed from'),
        ),
        migrations.AddField(
            model_name='jobpostingpage',
            name='show_statement',
            field=models.BooleanField(default=True, help_text='Untick to show no statement on this posting.', verbose_name='show an equal-opportunity statement'),
        ),
        migrations.AlterField(
            model_name='jobpostingpage',
            name='application_reference',
            field=models.CharField(blank=True, help_text='What applicants must write in the email subject, if you ask for something. Leave empty if you do not: the posting then asks for no subject line.', max_length=255, verbose_name='reference for the subject line'),
        ),
        migrations.AlterField(
            model_name='jobpostingpage',
            name='body',
            field=wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('duties', 9), ('requirements', 15), ('languages', 22), ('about_organisation', 25), ('what_we_offer', 30), ('document', 34), ('callout', 37)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'Heading', 'max_length': 255}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Section heading'), ('h3', 'Subheading')], 'label': 'Level'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('level', 1)]], {}), 3: ('careers.blocks.ParagraphBlock', (), {}), 4: ('wagtail.blocks.CharBlock', (), {'default': '', 'help_text': 'For example “Responsibilities” or “Support to local teams”.', 'label': 'Heading', 'max_length': 255, 'required': False}), 5: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ol', 'ul'], 'help_text': 'Optional text shown before the list.', 'label': 'Introduction', 'required': False}), 6: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('numbered', 'Numbered'), ('bulleted', 'Bulleted')], 'label': 'List style'}), 7: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link'], 'label': 'Duty'}), 8: ('wagtail.blocks.ListBlock', (7,), {'help_text': 'One duty or responsibility per item.', 'label': 'Duties', 'min_num': 1}), 9: ('wagtail.blocks.StructBlock', [[('heading', 4), ('intro', 5), ('list_style', 6), ('items', 8)]], {}), 10: ('wagtail.blocks.CharBlock', (), {'default': '', 'help_text': 'For example “Required experience and qualifications” or “Skills”.', 'label': 'Heading', 'max_length': 255, 'required': False}), 11: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link'], 'label': 'Requirement'}), 12: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('essential', 'Essential'), ('desirable', 'Desirable')], 'label': 'Essential or desirable'}), 13: ('wagtail.blocks.StructBlock', [[('text', 11), ('importance', 12)]], {}), 14: ('wagtail.blocks.ListBlock', (13,), {'label': 'Requirements', 'min_num': 1}), 15: ('wagtail.blocks.StructBlock', [[('heading', 10), ('intro', 5), ('list_style', 6), ('items', 14)]], {}), 16: ('wagtail.blocks.CharBlock', (), {'default': '', 'help_text': None, 'label': 'Heading', 'max_length': 255, 'required': False}), 17: ('wagtail.blocks.ChoiceBlock', [], {'choices': careers.choices.language_choices, 'label': 'Language'}), 18: ('wagtail.blocks.ListBlock', (17,), {'default': [], 'help_text': 'Other languages that will do instead: the candidate needs any one of this group, not all. Leave empty when this language itself is needed.', 'label': 'Or any one of', 'min_num': 0}), 19: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('native', 'Native or bilingual'), ('fluent', 'Fluent'), ('working', 'Professional working'), ('conversational', 'Conversational'), ('reading', 'Reading and writing'), ('basic', 'Basic')], 'label': 'Level'}), 20: ('wagtail.blocks.StructBlock', [[('language', 17), ('alternatives', 18), ('level', 19), ('importance', 12)]], {}), 21: ('wagtail.blocks.ListBlock', (20,), {'help_text': 'The candidate needs every item; an item with other languages is a group, any one of which will do.', 'label': 'Languages', 'min_num': 1}), 22: ('wagtail.blocks.StructBlock', [[('heading', 16), ('items', 21)]], {}), 23: ('wagtail.blocks.CharBlock', (), {'default': '', 'help_text': 'Leave empty to use “About” and the organisation’s name.', 'label': 'Heading', 'max_length': 255, 'required': False}), 24: ('wagtail.snippets.blocks.SnippetChooserBlock', ('careers.Organisation',), {'label': 'Organisation'}), 25: ('wagtail.blocks.StructBlock', [[('heading', 23), ('organisation', 24)]], {}), 26: ('wagtail.blocks.CharBlock', (), {'default': '', 'help_text': 'Leave empty to use “What we offer”.', 'label': 'Heading', 'max_length': 255, 'required': False}), 27: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ol', 'ul'], 'label': 'Text', 'required': False}), 28: ('wagtail.blocks.CharBlock', (), {'label': 'Benefit', 'max_length': 500}), 29: ('wagtail.blocks.ListBlock', (28,), {'default': [], 'label': 'Benefits', 'min_num': 0}), 30: ('wagtail.blocks.StructBlock', [[('heading', 26), ('text', 27), ('items', 29)]], {}), 31: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': 'Document'}), 32: ('wagtail.blocks.CharBlock', (), {'default': '', 'help_text': 'Leave empty to use the document’s title.', 'label': 'Link text', 'max_length': 255, 'required': False}), 33: ('wagtail.blocks.TextBlock', (), {'default': '', 'label': 'Description', 'required': False}), 34: ('wagtail.blocks.StructBlock', [[('document', 31), ('title', 32), ('description', 33)]], {}), 35: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('info', 'Information'), ('important', 'Important')], 'label': 'Tone'}), 36: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ol', 'ul'], 'label': 'Text'}), 37: ('wagtail.blocks.StructBlock', [[('tone', 35), ('heading', 16), ('text', 36)]], {})}, help_text='The posting itself: add sections for the organisation, the position, duties, candidate profile, languages and what you offer.', verbose_name='posting'),
        ),
        migrations.AlterField(
            model_name='jobpostingpage',
            name='closing_date',
            field=models.DateField(blank=True, help_text='The last day applications are accepted.', null=True, verbose_name='closing date'),
        ),
    ]
